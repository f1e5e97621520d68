; zero-memory.smt2: ZV-001 (creating a type allocates no zero), ZV-007 (buffers 64-byte aligned, never
; freed), ZV-014 (zero memory bounded by twice the current buffer), and ZV-015.ok with the lemma that
; the memory model's regions satisfy it.
; Each obligation is stated once, over W (the word size in bits) and BE (big-endian); the prover
; instantiates it for each architecture. One architecture by hand (one "unsat" per obligation):
;   dotnet run --project src/Conformance.Cli -- prove --emit models/zero-memory.smt2 --arch 64be | z3 -in
; The shared helpers are in prelude.smt2; conventions and how to add an obligation: models/README.md.

; ===================== oracle predicates =====================

; ZV-001: creating the type left its zero pointer nil and allocated fewer bytes than the type's size
; (so no zero value of that size was allocated). Judge it with types larger than a type descriptor
; (spec decision: above 64 KiB, where a descriptor cannot hide a zero of the type's size; smaller types are judged on their zero pointer alone).
(define-fun ZV-001.ok ((size (_ BitVec 64)) (allocbytes (_ BitVec 64)) (zero (_ BitVec 64))) Bool
  (and (= zero #x0000000000000000)
       (or (bvule size #x0000000000010000) (bvult allocbytes size))))
(define-fun ZV-001.expect.zero () (_ BitVec 64)
  #x0000000000000000)

; ZV-007: the buffer starts at a multiple of 64 and is still allocated.
(define-fun ZV-007.ok ((buf (_ BitVec 64)) (stillvalid Bool)) Bool
  (and (= (bvand buf #x000000000000003f) #x0000000000000000) stillvalid))
; Expected for reports: the buffer still valid (its alignment is judged on the base observed).
(define-fun ZV-007.expect.stillvalid () Bool
  true)

; ZV-014: the on-demand buffers ever allocated total at most twice the current one; overflow-free.
(define-fun ZV-014.ok ((total (_ BitVec 64)) (current (_ BitVec 64))) Bool
  (or (bvule total current) (bvule (bvsub total current) current)))

; ZV-015: two regions share no byte (overflow-free).
(define-fun ZV-015.ok ((a (_ BitVec 64)) (alen (_ BitVec 64)) (b (_ BitVec 64)) (blen (_ BitVec 64))) Bool
  (disjoint a alen b blen))

; Regions as the memory model (zero-never-written.smt2) writes them: [lo, hi] with an INCLUSIVE end
; (disj, r-ok: prelude.smt2).

; The inclusive-end encoding implies ZV-015.ok's (base, length) for non-empty regions in the word,
; one way of being disjoint at a time (first below second, or above it): what the model proves,
; the oracle accepts.
(define-fun claim.ZV-015.encoding ((w (_ BitVec 64)) (below Bool) (lo1 (_ BitVec 64)) (hi1 (_ BitVec 64)) (lo2 (_ BitVec 64)) (hi2 (_ BitVec 64))) Bool
  (=> (and (r-ok w lo1 hi1) (r-ok w lo2 hi2)
           ; a length must be a word: a region of all 2^64 addresses has none
           (distinct (bvsub hi1 lo1) #xffffffffffffffff) (distinct (bvsub hi2 lo2) #xffffffffffffffff)
           (ite below (bvult hi1 lo2) (bvult hi2 lo1)))
      (ZV-015.ok lo1 (bvadd (bvsub hi1 lo1) #x0000000000000001) lo2 (bvadd (bvsub hi2 lo2) #x0000000000000001))))

; ===================== the seed's algorithm =====================

; reflect after the commit: PtrTo, ChanOf, MapOf, FuncOf, SliceOf, ArrayOf (kinds 0..5) build a
; descriptor of desc bytes and set no zero ("p.zero = ..." lines deleted); asking again returns the
; cached type (cachePut) and allocates nothing.
(define-fun create-zero ((kind (_ BitVec 64)) (size (_ BitVec 64)) (fresh (_ BitVec 64))) (_ BitVec 64)
  #x0000000000000000)
(define-fun create-bytes ((kind (_ BitVec 64)) (size (_ BitVec 64)) (desc (_ BitVec 64)) (again Bool)) (_ BitVec 64)
  (ite again #x0000000000000000 desc))
(define-fun desc-bound ((desc (_ BitVec 64))) Bool
  (bvult desc #x0000000000000100))

; persistentalloc(size, align, ...): the next chunk address rounded up to align, in the word.
(define-fun persistentalloc ((w (_ BitVec 64)) (chunk (_ BitVec 64)) (align (_ BitVec 64))) (_ BitVec 64)
  (wrap w (bvand (bvadd chunk (bvsub align #x0000000000000001)) (bvnot (bvsub align #x0000000000000001)))))
; mapzero's call: persistentalloc(zerobuf.size, 64, &memstats.other_sys).
(define-fun zerobuf-alloc ((w (_ BitVec 64)) (chunk (_ BitVec 64))) (_ BitVec 64)
  (persistentalloc w chunk #x0000000000000040))

; Zero memory accounting, one operation at a time. op 0: create a type; op 1: mapzero without
; growth (static zero or buffer already large enough); op 2: mapzero that grows the buffer to grown.
; grown obeys the growth contract proved in zero-growth.smt2 (ZV-005): a power of two >= 4096 in the
; word, above the previous size. Nothing is ever freed: an older buffer stays live.
(define-fun total-after ((op (_ BitVec 64)) (total (_ BitVec 64)) (size (_ BitVec 64)) (grown (_ BitVec 64))) (_ BitVec 64)
  (ite (= op #x0000000000000002) (bvadd total grown) total))
(define-fun current-after ((op (_ BitVec 64)) (current (_ BitVec 64)) (grown (_ BitVec 64))) (_ BitVec 64)
  (ite (= op #x0000000000000002) grown current))
(define-fun old-live-after ((op (_ BitVec 64)) (live Bool)) Bool
  live)
(define-fun growth-contract ((w (_ BitVec 64)) (current (_ BitVec 64)) (grown (_ BitVec 64))) Bool
  (and (pow2 grown) (fits w grown) (bvuge grown #x0000000000001000) (bvugt grown current)))

; The accounting invariant: nothing yet, or current <= total < 2*current (overflow-free).
(define-fun accounting-inv ((w (_ BitVec 64)) (total (_ BitVec 64)) (current (_ BitVec 64))) Bool
  (or (and (= total #x0000000000000000) (= current #x0000000000000000))
      (and (pow2 current) (fits w current) (bvuge current #x0000000000001000)
           (bvuge total current) (bvult (bvsub total current) current))))

; ===================== claims =====================

(define-fun claim.ZV-001 ((kind (_ BitVec 64)) (size (_ BitVec 64)) (desc (_ BitVec 64)) (fresh (_ BitVec 64)) (again Bool)) Bool
  (=> (and (bvule kind #x0000000000000005) (desc-bound desc) (bvuge size #x0000000000000100))
      (ZV-001.ok size (create-bytes kind size desc again) (create-zero kind size fresh))))

(define-fun claim.ZV-007 ((w (_ BitVec 64)) (chunk (_ BitVec 64)) (op (_ BitVec 64))) Bool
  (=> (and (fits w chunk) (bvule chunk (bvsub (word-mask w) #x000000000000003f)))
      (let ((p (zerobuf-alloc w chunk)))
        (and (ZV-007.ok p (old-live-after op true))
             (bvuge p chunk) (bvult (bvsub p chunk) #x0000000000000040)))))

(define-fun claim.ZV-014.init ((w (_ BitVec 64))) Bool
  (and (accounting-inv w #x0000000000000000 #x0000000000000000)
       (ZV-014.ok #x0000000000000000 #x0000000000000000)))

(define-fun claim.ZV-014.step ((w (_ BitVec 64)) (op (_ BitVec 64)) (total (_ BitVec 64)) (current (_ BitVec 64)) (size (_ BitVec 64)) (grown (_ BitVec 64))) Bool
  (=> (and (accounting-inv w total current) (bvule op #x0000000000000002)
           (=> (= op #x0000000000000002) (growth-contract w current grown)))
      (let ((total2 (total-after op total size grown)) (current2 (current-after op current grown)))
        (and (accounting-inv w total2 current2)
             (ZV-014.ok total2 current2)
             (bvuge total2 total)
             ; creating a type adds nothing
             (=> (= op #x0000000000000000) (and (= total2 total) (= current2 current)))))))

; ===================== constants =====================
; What the obligations below quantify over: a counterexample lists the ones its obligation uses,
; in this order.
(declare-const kind (_ BitVec 64))
(declare-const chunk (_ BitVec 64))
(declare-const op (_ BitVec 64))
(declare-const total (_ BitVec 64))
(declare-const current (_ BitVec 64))
(declare-const size (_ BitVec 64))
(declare-const desc (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(declare-const again Bool)
(declare-const grown (_ BitVec 64))
(declare-const lo1 (_ BitVec 64))
(declare-const hi1 (_ BitVec 64))
(declare-const lo2 (_ BitVec 64))
(declare-const hi2 (_ BitVec 64))

; ===================== obligations =====================

(push 1)
(set-info :obligation "ZV-001/lazy-type-creation")
(set-info :requirement "ZV-001")
(set-info :statement "creating any type of any size, once or again, sets no zero pointer and allocates less than its size")
(set-info :status unsat)
(assert (not (claim.ZV-001 kind size desc fresh again)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-007/aligned-never-freed")
(set-info :requirement "ZV-007")
(set-info :statement "every on-demand buffer starts at a multiple of 64 and no operation frees an older buffer")
(set-info :status unsat)
(assert (not (claim.ZV-007 W chunk op)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-014/accounting-init")
(set-info :requirement "ZV-014")
(set-info :statement "before any buffer, the accounting invariant holds")
(set-info :status unsat)
(assert (not (claim.ZV-014.init W)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-014/accounting-step")
(set-info :requirement "ZV-014 ZV-001")
(set-info :statement "every type creation and mapzero keeps total zero memory <= 2x the current buffer; creating types adds nothing")
(set-info :status unsat)
(assert (not (claim.ZV-014.step W op total current size grown)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-015/encoding-below")
(set-info :requirement "ZV-015")
(set-info :statement "a region wholly below another is disjoint from it by ZV-015.ok")
(set-info :status unsat)
(assert (not (claim.ZV-015.encoding W true lo1 hi1 lo2 hi2)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-015/encoding-above")
(set-info :requirement "ZV-015")
(set-info :statement "a region wholly above another is disjoint from it by ZV-015.ok")
(set-info :status unsat)
(assert (not (claim.ZV-015.encoding W false lo1 hi1 lo2 hi2)))
(check-sat)
(pop 1)
