; zero-lookup.smt2: what a missing-key lookup hands out, in both designs of spec/zero-values.md: ZV-012 (compiler-known types: the compiler's zero, or the
; static zero up to 1024 bytes), ZV-016 (every zero handed out covers its type and is all zero), ZV-017 (lookups
; allocate nothing and have one outcome per element type), ZV-018 (gc's design: large run-time types are absent).
; Each obligation is stated once, over W (the word size in bits) and BE (big-endian); the prover
; instantiates it for each architecture. One architecture by hand (one "unsat" per obligation):
;   dotnet run --project src/Conformance.Cli -- prove --emit models/zero-lookup.smt2 --arch 64be | z3 -in
; The shared helpers are in prelude.smt2; conventions and how to add an obligation: models/README.md.

; ===================== oracle predicates =====================

; ZV-012: a compiled lookup of a compiler-known type of this size hands out the start of a compiler zero
; [czbase, +czsize) (the program's, or its compilation unit's: the case passes the reported one starting at the
; pointer), which holds it; a type of at most 1024 bytes may be handed the static zero instead. Never absent.
(define-fun ZV-012.ok ((size (_ BitVec 64)) (absent Bool) (zero (_ BitVec 64)) (czbase (_ BitVec 64)) (czsize (_ BitVec 64)) (staticbase (_ BitVec 64))) Bool
  (and (not absent)
       (or (and (= zero czbase) (bvule size czsize))
           (and (bvule size #x0000000000000400) (= zero staticbase)))))
; At least: the compiler zero handed out holds the type (the judge shows czsize>=...).
(define-fun ZV-012.atleast.czsize ((size (_ BitVec 64))) (_ BitVec 64)
  size)

; ZV-016: a zero handed out lies in the zero region [rbase, +rsize) with at least size bytes from the pointer,
; all of them zero (nonzero: the non-zero bytes read there); a lookup that reported the key absent handed out
; nothing. rsize 0 means no zero region contains the pointer. Overflow-free.
(define-fun ZV-016.ok ((absent Bool) (ptr (_ BitVec 64)) (size (_ BitVec 64)) (rbase (_ BitVec 64)) (rsize (_ BitVec 64)) (nonzero (_ BitVec 64))) Bool
  (or absent
      (and (distinct rsize #x0000000000000000)
           (bvuge ptr rbase) (bvule (bvsub ptr rbase) rsize)
           (bvule size (bvsub rsize (bvsub ptr rbase)))
           (= nonzero #x0000000000000000))))
(define-fun ZV-016.expect.nonzero () (_ BitVec 64)
  #x0000000000000000)
; At least: the zero region must reach size bytes past the pointer (the judge shows rsize>=...).
(define-fun ZV-016.atleast.rsize ((ptr (_ BitVec 64)) (rbase (_ BitVec 64)) (size (_ BitVec 64))) (_ BitVec 64)
  (bvadd (bvsub ptr rbase) size))

; ZV-017: the lookup allocated nothing and had the outcome the first lookup of the type had: the same pointer,
; or absent both times; where the type has a zero pointer (typezero, 0 when none) the lookup handed out that.
(define-fun ZV-017.ok ((objects (_ BitVec 64)) (absent Bool) (firstabsent Bool) (zero (_ BitVec 64)) (firstzero (_ BitVec 64)) (typezero (_ BitVec 64))) Bool
  (and (= objects #x0000000000000000)
       (= absent firstabsent)
       (=> (not absent) (= zero firstzero))
       (=> (distinct typezero #x0000000000000000) (and (not absent) (= zero typezero)))))
; Expected for reports: no allocation, the first lookup's outcome again.
(define-fun ZV-017.expect.objects () (_ BitVec 64)
  #x0000000000000000)
(define-fun ZV-017.expect.absent ((firstabsent Bool)) Bool
  firstabsent)
(define-fun ZV-017.expect.zero ((firstzero (_ BitVec 64))) (_ BitVec 64)
  firstzero)

; ZV-018: a run-time type larger than 1024 bytes is reported absent, and the lookup allocated nothing.
(define-fun ZV-018.ok ((size (_ BitVec 64)) (absent Bool) (objects (_ BitVec 64))) Bool
  (=> (bvugt size #x0000000000000400)
      (and absent (= objects #x0000000000000000))))
; Expected for reports: absent exactly above 1024 bytes, no allocation.
(define-fun ZV-018.expect.absent ((size (_ BitVec 64))) Bool
  (bvugt size #x0000000000000400))
(define-fun ZV-018.expect.objects () (_ BitVec 64)
  #x0000000000000000)

; ===================== the two designs' lookups =====================

; The linker: one zero in the bss, sized to the largest type it serves ("all point to a single zero in the bss of
; a large enough size"; gc keeps the largest of the duplicate go.map.zero symbols).
(define-fun linker-zero-size ((czsize (_ BitVec 64)) (size (_ BitVec 64))) (_ BitVec 64)
  (ite (bvugt size czsize) size czsize))

; The seed (2015): mapaccess1 for a missing key returns t.elem.zero: the pointer mapzero set (the static zero up to
; 1024 bytes, the buffer above, both never written), or, for a compiler-known type, the compiler's zero. Nothing
; is allocated; the outcome depends on the element type only.
(define-fun seed-lookup ((typezero (_ BitVec 64))) (_ BitVec 64)
  typezero)
; gc (Go 1.6 to 1.23): no per-type pointer. mapaccess1 returns &zeroVal[0] for a missing key; compiled code for an
; element type over 1024 bytes calls mapaccess1_fat with the linker's go.map.zero; reflect's lookup reports a
; missing key absent (reflect_mapaccess returns nil), which is what a large run-time type gets.
(define-fun gc-absent ((size (_ BitVec 64)) (compiled Bool)) Bool
  (and (bvugt size #x0000000000000400) (not compiled)))
(define-fun gc-lookup ((size (_ BitVec 64)) (compiled Bool) (staticbase (_ BitVec 64)) (czbase (_ BitVec 64))) (_ BitVec 64)
  (ite (bvule size #x0000000000000400) staticbase
       (ite compiled czbase #x0000000000000000)))
(define-fun lookup-objects () (_ BitVec 64)
  #x0000000000000000)

; The zero regions of a runtime state, as far as a lookup can hand them out: the static zero (1024 bytes), the
; compiler's zero (czsize bytes, at least every compiler-known type it serves: ZV-012's induction), and, in the
; seed's design, the buffer a large type was given (post bytes, at least the type's size: ZV-005's growth contract,
; zero-growth.smt2). Every region is all zero (ZV-009, zero-never-written.smt2): nonzero is 0 there.
(define-fun layout-ok ((w (_ BitVec 64)) (staticbase (_ BitVec 64)) (czbase (_ BitVec 64)) (czsize (_ BitVec 64))) Bool
  (and (region-fits w staticbase #x0000000000000400) (region-fits w czbase czsize)
       (distinct czsize #x0000000000000000)))

; ===================== claims =====================

; Induction over the compiler-known types the compiler's zero serves, added one at a time (gc: those over 1024
; bytes; the seed: all of them): an earlier type and the new one are both served after the new one is added.
(define-fun claim.ZV-012 ((w (_ BitVec 64)) (czbase (_ BitVec 64)) (czsize (_ BitVec 64)) (staticbase (_ BitVec 64)) (old (_ BitVec 64)) (size (_ BitVec 64))) Bool
  (=> (and (fits w size) (fits w czsize) (ZV-012.ok old false czbase czbase czsize staticbase))
      (let ((czsize2 (linker-zero-size czsize size)))
        (and (fits w czsize2)
             (ZV-012.ok old false czbase czbase czsize2 staticbase)
             (ZV-012.ok size false czbase czbase czsize2 staticbase)))))

; gc's compiled lookups: a compiler-known type over 1024 bytes is served by the compiler's zero (which the
; induction above sized to hold it), one of at most 1024 bytes by the static zero.
(define-fun claim.ZV-012.gc ((w (_ BitVec 64)) (size (_ BitVec 64)) (czbase (_ BitVec 64)) (czsize (_ BitVec 64)) (staticbase (_ BitVec 64))) Bool
  (=> (and (fits w size) (=> (bvugt size #x0000000000000400) (bvule size czsize)))
      (ZV-012.ok size (gc-absent size true) (gc-lookup size true staticbase czbase) czbase czsize staticbase)))

; Every zero either design hands out lies in a zero region and covers its type. In the seed's design the zero
; pointer is the static zero (size <= 1024), the compiler's zero (compiled, size <= czsize), or the buffer the type
; was given (size <= post); in gc's, gc-lookup's choice.
(define-fun claim.ZV-016.seed ((w (_ BitVec 64)) (size (_ BitVec 64)) (compiled Bool) (staticbase (_ BitVec 64)) (czbase (_ BitVec 64)) (czsize (_ BitVec 64)) (buf (_ BitVec 64)) (post (_ BitVec 64))) Bool
  (=> (and (fits w size) (layout-ok w staticbase czbase czsize) (region-fits w buf post)
           (=> compiled (bvule size czsize))
           (=> (and (not compiled) (bvugt size #x0000000000000400)) (bvule size post)))
      (let ((zero (seed-lookup (ite compiled czbase (ite (bvule size #x0000000000000400) staticbase buf)))))
        (ite compiled
             (ZV-016.ok false zero size czbase czsize #x0000000000000000)
             (ite (bvule size #x0000000000000400)
                  (ZV-016.ok false zero size staticbase #x0000000000000400 #x0000000000000000)
                  (ZV-016.ok false zero size buf post #x0000000000000000))))))

(define-fun claim.ZV-016.gc ((w (_ BitVec 64)) (size (_ BitVec 64)) (compiled Bool) (staticbase (_ BitVec 64)) (czbase (_ BitVec 64)) (czsize (_ BitVec 64))) Bool
  (=> (and (fits w size) (layout-ok w staticbase czbase czsize)
           (=> (and compiled (bvugt size #x0000000000000400)) (bvule size czsize)))
      (let ((zero (gc-lookup size compiled staticbase czbase)))
        (ZV-016.ok (gc-absent size compiled) zero size
                   (ite (bvule size #x0000000000000400) staticbase czbase)
                   (ite (bvule size #x0000000000000400) #x0000000000000400 czsize)
                   #x0000000000000000))))

; Two lookups of one element type (in any maps, with any keys: neither design looks at them for a missing key)
; have the same outcome and allocate nothing.
(define-fun claim.ZV-017 ((size (_ BitVec 64)) (compiled Bool) (typezero (_ BitVec 64)) (staticbase (_ BitVec 64)) (czbase (_ BitVec 64))) Bool
  (and (ZV-017.ok lookup-objects false false (seed-lookup typezero) (seed-lookup typezero) typezero)
       (ZV-017.ok lookup-objects (gc-absent size compiled) (gc-absent size compiled)
                  (gc-lookup size compiled staticbase czbase) (gc-lookup size compiled staticbase czbase) #x0000000000000000)))

(define-fun claim.ZV-018 ((w (_ BitVec 64)) (size (_ BitVec 64))) Bool
  (=> (fits w size)
      (ZV-018.ok size (gc-absent size false) lookup-objects)))

; ===================== obligations =====================

(push 1)
(set-info :obligation "ZV-012/one-compiler-zero")
(set-info :requirement "ZV-012")
(set-info :statement "adding compiler-known types one by one, all are served by one static zero that holds each of them")
(set-info :status unsat)
(declare-const czbase (_ BitVec 64))
(declare-const czsize (_ BitVec 64))
(declare-const staticbase (_ BitVec 64))
(declare-const old (_ BitVec 64))
(declare-const size (_ BitVec 64))
(assert (not (claim.ZV-012 W czbase czsize staticbase old size)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-012/gc-compiled-lookups")
(set-info :requirement "ZV-012")
(set-info :statement "gc's compiled lookups hand out the compiler's zero above 1024 bytes and the static zero up to 1024")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const czbase (_ BitVec 64))
(declare-const czsize (_ BitVec 64))
(declare-const staticbase (_ BitVec 64))
(assert (not (claim.ZV-012.gc W size czbase czsize staticbase)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-016/seed-zeros-cover")
(set-info :requirement "ZV-016")
(set-info :statement "every zero the seed's design hands out lies in a zero region and covers its type")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const compiled Bool)
(declare-const staticbase (_ BitVec 64))
(declare-const czbase (_ BitVec 64))
(declare-const czsize (_ BitVec 64))
(declare-const buf (_ BitVec 64))
(declare-const post (_ BitVec 64))
(assert (not (claim.ZV-016.seed W size compiled staticbase czbase czsize buf post)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-016/gc-zeros-cover")
(set-info :requirement "ZV-016")
(set-info :statement "every zero gc's design hands out lies in a zero region and covers its type; the rest are absent")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const compiled Bool)
(declare-const staticbase (_ BitVec 64))
(declare-const czbase (_ BitVec 64))
(declare-const czsize (_ BitVec 64))
(assert (not (claim.ZV-016.gc W size compiled staticbase czbase czsize)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-017/one-outcome-no-allocation")
(set-info :requirement "ZV-017")
(set-info :statement "in both designs every missing-key lookup of one element type has the same outcome and allocates nothing")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const compiled Bool)
(declare-const typezero (_ BitVec 64))
(declare-const staticbase (_ BitVec 64))
(declare-const czbase (_ BitVec 64))
(assert (not (claim.ZV-017 size compiled typezero staticbase czbase)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-018/large-run-time-types-absent")
(set-info :requirement "ZV-018")
(set-info :statement "gc's lookups of run-time types over 1024 bytes report the key absent and allocate nothing")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(assert (not (claim.ZV-018 W size)))
(check-sat)
(pop 1)
