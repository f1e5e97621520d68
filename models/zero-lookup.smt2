; zero-lookup.smt2: ZV-012 (compiler-known types share one static zero), ZV-013 (a missing-key lookup
; returns the zero without allocating).
; Each obligation is stated once, over W (the word size in bits) and BE (big-endian); the prover
; instantiates it for each architecture. One architecture by hand (one "unsat" per obligation):
;   dotnet run --project src/Conformance.Cli -- prove --emit models/zero-lookup.smt2 --arch 64be | z3 -in
; The shared helpers are in prelude.smt2; conventions and how to add an obligation: models/README.md.

; ===================== oracle predicates =====================

; ZV-012: a compiler-known type of this size points at the compiler's zero [czbase, +czsize), which holds it.
(define-fun ZV-012.ok ((zero (_ BitVec 64)) (czbase (_ BitVec 64)) (czsize (_ BitVec 64)) (size (_ BitVec 64))) Bool
  (and (= zero czbase) (bvule size czsize)))

; ZV-013: the lookup returned a pointer (not nil), the type's zero pointer where it has one, and
; allocated nothing.
(define-fun ZV-013.ok ((lookup (_ BitVec 64)) (typezero (_ BitVec 64)) (objects (_ BitVec 64))) Bool
  (and (= objects #x0000000000000000) (distinct lookup #x0000000000000000)
       (=> (distinct typezero #x0000000000000000) (= lookup typezero))))

; ===================== the seed's algorithm =====================

; The linker: every compiler-known type points at one zero in the bss, sized to the largest type
; seen so far ("all point to a single zero in the bss of a large enough size").
(define-fun linker-zero-size ((czsize (_ BitVec 64)) (size (_ BitVec 64))) (_ BitVec 64)
  (ite (bvugt size czsize) size czsize))
(define-fun compiler-type-zero ((czbase (_ BitVec 64))) (_ BitVec 64)
  czbase)

; mapaccess1 for a missing key (2015): "return unsafe.Pointer(t.elem.zero)": no allocation.
(define-fun lookup-missing ((typezero (_ BitVec 64)) (fresh (_ BitVec 64))) (_ BitVec 64)
  typezero)
(define-fun lookup-objects () (_ BitVec 64)
  #x0000000000000000)
; Later runtimes (profile go1.15-table) keep no per-type pointer: &zeroVal[0] for elements of at most
; 1024 bytes, the compiler-provided zero for larger ones.
(define-fun lookup-missing-fixed ((size (_ BitVec 64)) (zs (_ BitVec 64)) (czbase (_ BitVec 64))) (_ BitVec 64)
  (ite (bvule size #x0000000000000400) zs czbase))

; ===================== claims =====================

; Induction over the compiler-known types, added one at a time: an earlier type (size old) and the
; new one (size size) both fit the zero after the new one is added.
(define-fun claim.ZV-012 ((w (_ BitVec 64)) (czbase (_ BitVec 64)) (czsize (_ BitVec 64)) (old (_ BitVec 64)) (size (_ BitVec 64))) Bool
  (=> (and (fits w size) (fits w czsize) (ZV-012.ok (compiler-type-zero czbase) czbase czsize old))
      (let ((czsize2 (linker-zero-size czsize size)))
        (and (fits w czsize2)
             (ZV-012.ok (compiler-type-zero czbase) czbase czsize2 old)
             (ZV-012.ok (compiler-type-zero czbase) czbase czsize2 size)))))

; A map exists only after makemap ran mapzero on its element type, so typezero is set (ZV-002,
; zero-publication.smt2); later runtimes have no per-type pointer (typezero = 0).
(define-fun claim.ZV-013 ((typezero (_ BitVec 64)) (fresh (_ BitVec 64)) (size (_ BitVec 64)) (zs (_ BitVec 64)) (czbase (_ BitVec 64))) Bool
  (and (=> (distinct typezero #x0000000000000000)
           (ZV-013.ok (lookup-missing typezero fresh) typezero lookup-objects))
       (=> (and (distinct zs #x0000000000000000) (distinct czbase #x0000000000000000))
           (ZV-013.ok (lookup-missing-fixed size zs czbase) #x0000000000000000 lookup-objects))))

; ===================== obligations =====================
; Each declares its own constants: the two list their shared ones (czbase, size) in different orders,
; and a counterexample shows them in declaration order.

(push 1)
(set-info :obligation "ZV-012/one-compiler-zero")
(set-info :requirement "ZV-012")
(set-info :statement "adding compiler-known types one by one, all point at one static zero that holds each of them")
(set-info :status unsat)
(declare-const czbase (_ BitVec 64))
(declare-const czsize (_ BitVec 64))
(declare-const old (_ BitVec 64))
(declare-const size (_ BitVec 64))
(assert (not (claim.ZV-012 W czbase czsize old size)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-013/lookup-returns-zero")
(set-info :requirement "ZV-013")
(set-info :statement "a missing-key lookup returns the type's zero pointer (or the shared zero) and allocates nothing")
(set-info :status unsat)
(declare-const typezero (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(declare-const size (_ BitVec 64))
(declare-const zs (_ BitVec 64))
(declare-const czbase (_ BitVec 64))
(assert (not (claim.ZV-013 typezero fresh size zs czbase)))
(check-sat)
(pop 1)
