; zero-memory.smt2: ZV-001 (creating a type allocates no zero), ZV-007 (buffers 64-byte aligned, never freed), ZV-014 (zero memory bounded by twice the current buffer).
; Run by hand: z3 models/zero-memory.smt2   (prints one "unsat" per obligation: unsat = proved)
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

; ZV-001: creating the type left its zero pointer nil and allocated fewer bytes than the type's size
; (so no zero value of that size was allocated). Judge it with types larger than a type descriptor
; (spec decision: above 64 KiB, where a descriptor cannot hide a zero of the type's size; smaller types are judged on their zero pointer alone).
(define-fun ZV-001.ok ((size (_ BitVec 64)) (allocbytes (_ BitVec 64)) (zero (_ BitVec 64))) Bool
  (and (= zero #x0000000000000000)
       (or (bvule size #x0000000000010000) (bvult allocbytes size))))

; ZV-007: the buffer starts at a multiple of 64 and is still allocated.
(define-fun ZV-007.ok ((buf (_ BitVec 64)) (stillvalid Bool)) Bool
  (and (= (bvand buf #x000000000000003f) #x0000000000000000) stillvalid))

; ZV-014: the on-demand buffers ever allocated total at most twice the current one; overflow-free.
(define-fun ZV-014.ok ((total (_ BitVec 64)) (current (_ BitVec 64))) Bool
  (or (bvule total current) (bvule (bvsub total current) current)))

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

; ===================== obligations =====================

(push 1)
(set-info :obligation "ZV-001/lazy-type-creation")
(set-info :requirement "ZV-001")
(set-info :arch "32le")
(set-info :statement "creating any type of any size, once or again, sets no zero pointer and allocates less than its size")
(set-info :status unsat)
(declare-const kind (_ BitVec 64))
(declare-const size (_ BitVec 64))
(declare-const desc (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(declare-const again Bool)
(assert (not (claim.ZV-001 kind size desc fresh again)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-007/aligned-never-freed")
(set-info :requirement "ZV-007")
(set-info :arch "32le")
(set-info :statement "every on-demand buffer starts at a multiple of 64 and no operation frees an older buffer")
(set-info :status unsat)
(declare-const chunk (_ BitVec 64))
(declare-const op (_ BitVec 64))
(assert (not (claim.ZV-007 #x0000000000000020 chunk op)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-014/accounting-init")
(set-info :requirement "ZV-014")
(set-info :arch "32le")
(set-info :statement "before any buffer, the accounting invariant holds")
(set-info :status unsat)
(assert (not (claim.ZV-014.init #x0000000000000020)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-014/accounting-step")
(set-info :requirement "ZV-014 ZV-001")
(set-info :arch "32le")
(set-info :statement "every type creation and mapzero keeps total zero memory <= 2x the current buffer; creating types adds nothing")
(set-info :status unsat)
(declare-const op (_ BitVec 64))
(declare-const total (_ BitVec 64))
(declare-const current (_ BitVec 64))
(declare-const size (_ BitVec 64))
(declare-const grown (_ BitVec 64))
(assert (not (claim.ZV-014.step #x0000000000000020 op total current size grown)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-001/lazy-type-creation")
(set-info :requirement "ZV-001")
(set-info :arch "32be")
(set-info :statement "creating any type of any size, once or again, sets no zero pointer and allocates less than its size")
(set-info :status unsat)
(declare-const kind (_ BitVec 64))
(declare-const size (_ BitVec 64))
(declare-const desc (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(declare-const again Bool)
(assert (not (claim.ZV-001 kind size desc fresh again)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-007/aligned-never-freed")
(set-info :requirement "ZV-007")
(set-info :arch "32be")
(set-info :statement "every on-demand buffer starts at a multiple of 64 and no operation frees an older buffer")
(set-info :status unsat)
(declare-const chunk (_ BitVec 64))
(declare-const op (_ BitVec 64))
(assert (not (claim.ZV-007 #x0000000000000020 chunk op)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-014/accounting-init")
(set-info :requirement "ZV-014")
(set-info :arch "32be")
(set-info :statement "before any buffer, the accounting invariant holds")
(set-info :status unsat)
(assert (not (claim.ZV-014.init #x0000000000000020)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-014/accounting-step")
(set-info :requirement "ZV-014 ZV-001")
(set-info :arch "32be")
(set-info :statement "every type creation and mapzero keeps total zero memory <= 2x the current buffer; creating types adds nothing")
(set-info :status unsat)
(declare-const op (_ BitVec 64))
(declare-const total (_ BitVec 64))
(declare-const current (_ BitVec 64))
(declare-const size (_ BitVec 64))
(declare-const grown (_ BitVec 64))
(assert (not (claim.ZV-014.step #x0000000000000020 op total current size grown)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-001/lazy-type-creation")
(set-info :requirement "ZV-001")
(set-info :arch "64le")
(set-info :statement "creating any type of any size, once or again, sets no zero pointer and allocates less than its size")
(set-info :status unsat)
(declare-const kind (_ BitVec 64))
(declare-const size (_ BitVec 64))
(declare-const desc (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(declare-const again Bool)
(assert (not (claim.ZV-001 kind size desc fresh again)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-007/aligned-never-freed")
(set-info :requirement "ZV-007")
(set-info :arch "64le")
(set-info :statement "every on-demand buffer starts at a multiple of 64 and no operation frees an older buffer")
(set-info :status unsat)
(declare-const chunk (_ BitVec 64))
(declare-const op (_ BitVec 64))
(assert (not (claim.ZV-007 #x0000000000000040 chunk op)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-014/accounting-init")
(set-info :requirement "ZV-014")
(set-info :arch "64le")
(set-info :statement "before any buffer, the accounting invariant holds")
(set-info :status unsat)
(assert (not (claim.ZV-014.init #x0000000000000040)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-014/accounting-step")
(set-info :requirement "ZV-014 ZV-001")
(set-info :arch "64le")
(set-info :statement "every type creation and mapzero keeps total zero memory <= 2x the current buffer; creating types adds nothing")
(set-info :status unsat)
(declare-const op (_ BitVec 64))
(declare-const total (_ BitVec 64))
(declare-const current (_ BitVec 64))
(declare-const size (_ BitVec 64))
(declare-const grown (_ BitVec 64))
(assert (not (claim.ZV-014.step #x0000000000000040 op total current size grown)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-001/lazy-type-creation")
(set-info :requirement "ZV-001")
(set-info :arch "64be")
(set-info :statement "creating any type of any size, once or again, sets no zero pointer and allocates less than its size")
(set-info :status unsat)
(declare-const kind (_ BitVec 64))
(declare-const size (_ BitVec 64))
(declare-const desc (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(declare-const again Bool)
(assert (not (claim.ZV-001 kind size desc fresh again)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-007/aligned-never-freed")
(set-info :requirement "ZV-007")
(set-info :arch "64be")
(set-info :statement "every on-demand buffer starts at a multiple of 64 and no operation frees an older buffer")
(set-info :status unsat)
(declare-const chunk (_ BitVec 64))
(declare-const op (_ BitVec 64))
(assert (not (claim.ZV-007 #x0000000000000040 chunk op)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-014/accounting-init")
(set-info :requirement "ZV-014")
(set-info :arch "64be")
(set-info :statement "before any buffer, the accounting invariant holds")
(set-info :status unsat)
(assert (not (claim.ZV-014.init #x0000000000000040)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-014/accounting-step")
(set-info :requirement "ZV-014 ZV-001")
(set-info :arch "64be")
(set-info :statement "every type creation and mapzero keeps total zero memory <= 2x the current buffer; creating types adds nothing")
(set-info :status unsat)
(declare-const op (_ BitVec 64))
(declare-const total (_ BitVec 64))
(declare-const current (_ BitVec 64))
(declare-const size (_ BitVec 64))
(declare-const grown (_ BitVec 64))
(assert (not (claim.ZV-014.step #x0000000000000040 op total current size grown)))
(check-sat)
(pop 1)
