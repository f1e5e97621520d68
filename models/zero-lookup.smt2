; zero-lookup.smt2: ZV-012 (compiler-known types share one static zero), ZV-013 (a missing-key lookup returns the zero without allocating).
; Run by hand: z3 models/zero-lookup.smt2   (prints one "unsat" per obligation: unsat = proved)
;
; Conventions (every model file; models/README.md has the details): oracle predicates are define-funs
; named <ID>.<name> over Bool and (_ BitVec 64) only (the oracle compiles them to delegates);
; obligations are (push 1) ... (pop 1) blocks labelled with set-info that assert the NEGATION of a
; claim, so unsat means the claim holds for the whole domain on that architecture.
; ---- shared prelude: identical text in every model file (ModelCatalog checks that every
; ---- definition with the same name has the same text in every file; one truth, no drift).
; ---- z3 only: after (push 1) z3 answers with its incremental core, weak on bit-vectors; this lets it
; ---- fall back to its bit-blasting solver after 200 ms. The prover sends no set-option (it runs each
; ---- obligation as its own query with (check-sat-using (try-for ...))), so this affects hand runs only.
(set-option :combined_solver.solver2_timeout 200)
; A word is a (_ BitVec 64) whatever the architecture; w is the word size in bits (#x20 = 32,
; #x40 = 64). Machine arithmetic wraps at the word: it is modelled EXACTLY by masking to the word
; (wrap), so a 32-bit overflow is modelled, not assumed away, and one set of definitions serves both
; word sizes. Byte order is a Bool be (true = big-endian).
(define-fun word-mask ((w (_ BitVec 64))) (_ BitVec 64)
  (ite (= w #x0000000000000020) #x00000000ffffffff #xffffffffffffffff))
(define-fun word-ok ((w (_ BitVec 64))) Bool
  (or (= w #x0000000000000020) (= w #x0000000000000040)))
(define-fun wrap ((w (_ BitVec 64)) (x (_ BitVec 64))) (_ BitVec 64)
  (bvand x (word-mask w)))
(define-fun fits ((w (_ BitVec 64)) (x (_ BitVec 64))) Bool
  (= x (wrap w x)))
; 2^(w-1): the largest power of two a word holds.
(define-fun half-word ((w (_ BitVec 64))) (_ BitVec 64)
  (bvshl #x0000000000000001 (bvsub w #x0000000000000001)))
(define-fun pow2 ((x (_ BitVec 64))) Bool
  (and (distinct x #x0000000000000000)
       (= (bvand x (bvsub x #x0000000000000001)) #x0000000000000000)))
; a in [base, base+len), without computing base+len (no overflow).
(define-fun in-region ((a (_ BitVec 64)) (base (_ BitVec 64)) (len (_ BitVec 64))) Bool
  (and (bvuge a base) (bvult (bvsub a base) len)))
; [a, a+alen) and [b, b+blen) share no byte; overflow-free.
(define-fun disjoint ((a (_ BitVec 64)) (alen (_ BitVec 64)) (b (_ BitVec 64)) (blen (_ BitVec 64))) Bool
  (or (= alen #x0000000000000000) (= blen #x0000000000000000)
      (and (bvuge b a) (bvuge (bvsub b a) alen))
      (and (bvuge a b) (bvuge (bvsub a b) blen))))
; [base, base+len) lies inside the w-bit address space; overflow-free.
(define-fun region-fits ((w (_ BitVec 64)) (base (_ BitVec 64)) (len (_ BitVec 64))) Bool
  (and (fits w base)
       (or (= len #x0000000000000000)
           (bvule (bvsub len #x0000000000000001) (bvsub (word-mask w) base)))))
; Byte order. An 8-byte table slot is written as a 64-bit "raw" value holding its bytes in ADDRESS
; order, lowest address most significant (so raw reads like a big-endian dump of memory).
(define-fun bswap64 ((x (_ BitVec 64))) (_ BitVec 64)
  (concat ((_ extract 7 0) x) ((_ extract 15 8) x) ((_ extract 23 16) x) ((_ extract 31 24) x)
          ((_ extract 39 32) x) ((_ extract 47 40) x) ((_ extract 55 48) x) ((_ extract 63 56) x)))
; The bytes of the uint64 v as the machine stores them, in address order.
(define-fun slot-raw ((be Bool) (v (_ BitVec 64))) (_ BitVec 64)
  (ite be v (bswap64 v)))
; Reading width bytes (1..8) at byte offset o (0..8-width) of raw in byte order be.
(define-fun load-bytes ((be Bool) (raw (_ BitVec 64)) (o (_ BitVec 64)) (width (_ BitVec 64))) (_ BitVec 64)
  (let ((win (bvlshr (bvshl raw (bvmul #x0000000000000008 o))
                     (bvsub #x0000000000000040 (bvmul #x0000000000000008 width)))))
    (ite be win
         (bswap64 (bvshl win (bvsub #x0000000000000040 (bvmul #x0000000000000008 width)))))))
; AR-003: THE table offset of a width: 0 on little-endian, 8 - width on big-endian. No other
; offset literal appears in any model.
(define-fun table-offset ((width (_ BitVec 64)) (be Bool)) (_ BitVec 64)
  (ite be (bvsub #x0000000000000008 width) #x0000000000000000))
(define-fun table-width ((width (_ BitVec 64))) Bool
  (or (= width #x0000000000000001) (= width #x0000000000000002)
      (= width #x0000000000000004) (= width #x0000000000000008)))
; The table: 256 slots of 8 bytes at base (2048 bytes). A w-byte value v < 256 is served at
; base + 8v + table-offset(w, be); written as ptr - base so that nothing overflows.
(define-fun table-ptr-ok ((be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (width (_ BitVec 64)) (ptr (_ BitVec 64))) Bool
  (and (bvult v #x0000000000000100) (table-width width)
       (= (bvsub ptr base) (bvadd (bvmul #x0000000000000008 v) (table-offset width be)))))
; Reading width bytes at ptr inside the initial table, in byte order be.
(define-fun table-read ((be Bool) (base (_ BitVec 64)) (ptr (_ BitVec 64)) (width (_ BitVec 64))) (_ BitVec 64)
  (load-bytes be (slot-raw be (bvlshr (bvsub ptr base) #x0000000000000003))
              (bvand (bvsub ptr base) #x0000000000000007) width))
; ---- end of shared prelude

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

(push 1)
(set-info :obligation "ZV-012/one-compiler-zero")
(set-info :requirement "ZV-012")
(set-info :arch "32le")
(set-info :statement "adding compiler-known types one by one, all point at one static zero that holds each of them")
(set-info :status unsat)
(declare-const czbase (_ BitVec 64))
(declare-const czsize (_ BitVec 64))
(declare-const old (_ BitVec 64))
(declare-const size (_ BitVec 64))
(assert (not (claim.ZV-012 #x0000000000000020 czbase czsize old size)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-013/lookup-returns-zero")
(set-info :requirement "ZV-013")
(set-info :arch "32le")
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

(push 1)
(set-info :obligation "ZV-012/one-compiler-zero")
(set-info :requirement "ZV-012")
(set-info :arch "32be")
(set-info :statement "adding compiler-known types one by one, all point at one static zero that holds each of them")
(set-info :status unsat)
(declare-const czbase (_ BitVec 64))
(declare-const czsize (_ BitVec 64))
(declare-const old (_ BitVec 64))
(declare-const size (_ BitVec 64))
(assert (not (claim.ZV-012 #x0000000000000020 czbase czsize old size)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-013/lookup-returns-zero")
(set-info :requirement "ZV-013")
(set-info :arch "32be")
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

(push 1)
(set-info :obligation "ZV-012/one-compiler-zero")
(set-info :requirement "ZV-012")
(set-info :arch "64le")
(set-info :statement "adding compiler-known types one by one, all point at one static zero that holds each of them")
(set-info :status unsat)
(declare-const czbase (_ BitVec 64))
(declare-const czsize (_ BitVec 64))
(declare-const old (_ BitVec 64))
(declare-const size (_ BitVec 64))
(assert (not (claim.ZV-012 #x0000000000000040 czbase czsize old size)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-013/lookup-returns-zero")
(set-info :requirement "ZV-013")
(set-info :arch "64le")
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

(push 1)
(set-info :obligation "ZV-012/one-compiler-zero")
(set-info :requirement "ZV-012")
(set-info :arch "64be")
(set-info :statement "adding compiler-known types one by one, all point at one static zero that holds each of them")
(set-info :status unsat)
(declare-const czbase (_ BitVec 64))
(declare-const czsize (_ BitVec 64))
(declare-const old (_ BitVec 64))
(declare-const size (_ BitVec 64))
(assert (not (claim.ZV-012 #x0000000000000040 czbase czsize old size)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-013/lookup-returns-zero")
(set-info :requirement "ZV-013")
(set-info :arch "64be")
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
