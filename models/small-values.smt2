; small-values.smt2: SV-001..SV-006, the table of the uint64 values 0..255 and what is served from it (SV-007 is in zero-never-written.smt2).
; Run by hand: z3 models/small-values.smt2   (prints one "unsat" per obligation: unsat = proved)
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

; SV-001: raw (the slot's 8 bytes in address order, lowest address most significant) read in byte
; order be is v, for a slot v of the table.
(define-fun SV-001.slot-ok ((be Bool) (v (_ BitVec 64)) (raw (_ BitVec 64))) Bool
  (and (bvult v #x0000000000000100) (= (load-bytes be raw #x0000000000000000 #x0000000000000008) v)))

; SV-002: a 16/32/64-bit value below 256 is served from the table (AR-003 address) and allocates
; nothing. Total: true for v >= 256 (SV-003 judges those).
(define-fun SV-002.ok ((be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (width (_ BitVec 64)) (ptr (_ BitVec 64)) (objects (_ BitVec 64))) Bool
  (=> (bvult v #x0000000000000100)
      (and (= objects #x0000000000000000) (table-ptr-ok be base v width ptr))))

; SV-003: a value >= 256 allocates exactly one object, outside the table [base, base+2048), whose
; width bytes read back as v. Total: true for v < 256. The object's size is judged by what it holds,
; not by the allocator's byte count (spec decision: allocators count bytes by size class), so bytes
; is reported but not constrained.
(define-fun SV-003.ok ((be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (width (_ BitVec 64)) (ptr (_ BitVec 64)) (objects (_ BitVec 64)) (bytes (_ BitVec 64)) (readback (_ BitVec 64))) Bool
  (=> (bvuge v #x0000000000000100)
      (and (= objects #x0000000000000001)
           (disjoint ptr width base #x0000000000000800)
           (= readback v))))

; SV-004: a 1-byte value b (bool, int8, uint8: its unsigned byte) is at slot b, 1-byte offset, no allocation.
(define-fun SV-004.ok ((be Bool) (base (_ BitVec 64)) (b (_ BitVec 64)) (ptr (_ BitVec 64)) (objects (_ BitVec 64))) Bool
  (and (= objects #x0000000000000000) (table-ptr-ok be base b #x0000000000000001 ptr)))

; SV-005: a one-byte string of byte b has its data at slot b of the same table, 1-byte offset, no allocation.
(define-fun SV-005.ok ((be Bool) (base (_ BitVec 64)) (b (_ BitVec 64)) (ptr (_ BitVec 64)) (objects (_ BitVec 64))) Bool
  (and (= objects #x0000000000000000) (table-ptr-ok be base b #x0000000000000001 ptr)))

; SV-006: the empty string and the nil slice point at the start of the static zero and allocate nothing.
(define-fun SV-006.ok ((zerobase (_ BitVec 64)) (ptr (_ BitVec 64)) (objects (_ BitVec 64))) Bool
  (and (= ptr zerobase) (= objects #x0000000000000000)))

; ===================== the seed's algorithm (Go 1.15 runtime/iface.go, string.go, walk.go) =====================

; convT16/32/64: "if val < uint16(len(staticuint64s))" -> table, else mallocgc(width) and store.
(define-fun conv-small ((v (_ BitVec 64))) Bool
  (bvult v #x0000000000000100))
(define-fun conv-ptr ((be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (width (_ BitVec 64)) (fresh (_ BitVec 64))) (_ BitVec 64)
  (ite (conv-small v) (bvadd base (bvmul #x0000000000000008 v) (table-offset width be)) fresh))
(define-fun conv-objects ((v (_ BitVec 64))) (_ BitVec 64)
  (ite (conv-small v) #x0000000000000000 #x0000000000000001))
; The width bytes mallocgc'd object holds after *(*uintN)(x) = val, in address order in the top bytes.
(define-fun object-raw ((be Bool) (v (_ BitVec 64)) (width (_ BitVec 64))) (_ BitVec 64)
  (ite be (bvshl v (bvsub #x0000000000000040 (bvmul #x0000000000000008 width))) (bswap64 v)))
; The compiler's inline 8-bit conversion: &staticuint64s[b], +7 on big-endian, no bound check.
(define-fun conv8-ptr ((be Bool) (base (_ BitVec 64)) (b (_ BitVec 64))) (_ BitVec 64)
  (bvadd base (bvmul #x0000000000000008 b) (table-offset #x0000000000000001 be)))
; One-byte strings (CL 221979): the same table, no second byte array.
(define-fun str1-ptr ((be Bool) (base (_ BitVec 64)) (b (_ BitVec 64))) (_ BitVec 64)
  (bvadd base (bvmul #x0000000000000008 b) (table-offset #x0000000000000001 be)))
; convTstring / convTslice: "" and a nil slice point at zeroVal[0]; anything else allocates.
(define-fun conv-string-ptr ((zerobase (_ BitVec 64)) (len (_ BitVec 64)) (fresh (_ BitVec 64))) (_ BitVec 64)
  (ite (= len #x0000000000000000) zerobase fresh))
(define-fun conv-slice-ptr ((zerobase (_ BitVec 64)) (array (_ BitVec 64)) (fresh (_ BitVec 64))) (_ BitVec 64)
  (ite (= array #x0000000000000000) zerobase fresh))
(define-fun conv-string-objects ((len (_ BitVec 64))) (_ BitVec 64)
  (ite (= len #x0000000000000000) #x0000000000000000 #x0000000000000001))
(define-fun conv-slice-objects ((array (_ BitVec 64))) (_ BitVec 64)
  (ite (= array #x0000000000000000) #x0000000000000000 #x0000000000000001))

; v holds only the value's width: its unsigned bits.
(define-fun value-of-width ((v (_ BitVec 64)) (width (_ BitVec 64))) Bool
  (= (bvlshr v (bvmul #x0000000000000008 width)) #x0000000000000000))
; A table at base lies in the word and slot-aligned (it is a [256]uint64).
(define-fun table-placed ((w (_ BitVec 64)) (base (_ BitVec 64))) Bool
  (and (region-fits w base #x0000000000000800) (= (bvand base #x0000000000000007) #x0000000000000000)))

; ===================== claims =====================

(define-fun claim.SV-001 ((be Bool) (v (_ BitVec 64)) (raw (_ BitVec 64))) Bool
  (=> (bvult v #x0000000000000100)
      (and (SV-001.slot-ok be v (slot-raw be v))
           ; endianness of the table: v is the first byte on little-endian, the last on big-endian
           (= (slot-raw be v) (ite be v (bvshl v #x0000000000000038)))
           ; and slot-ok describes exactly that layout
           (=> (SV-001.slot-ok be v raw) (= raw (slot-raw be v))))))

(define-fun claim.SV-002 ((w (_ BitVec 64)) (be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (width (_ BitVec 64)) (fresh (_ BitVec 64))) Bool
  (=> (and (table-placed w base) (table-width width) (bvuge width #x0000000000000002)
           (value-of-width v width) (bvult v #x0000000000000100))
      (let ((ptr (conv-ptr be base v width fresh)))
        (and (SV-002.ok be base v width ptr (conv-objects v))
             (fits w ptr)
             (in-region ptr base #x0000000000000800)
             (bvule (bvadd (bvand (bvsub ptr base) #x0000000000000007) width) #x0000000000000008)
             (= (table-read be base ptr width) v)))))

(define-fun claim.SV-003 ((w (_ BitVec 64)) (be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (width (_ BitVec 64)) (fresh (_ BitVec 64))) Bool
  (=> (and (table-placed w base) (table-width width) (bvuge width #x0000000000000002)
           (value-of-width v width)
           ; the allocator's contract: a fresh object in the word, disjoint from the table
           (region-fits w fresh width) (disjoint fresh width base #x0000000000000800))
      (and (=> (bvuge v #x0000000000000100)
               (SV-003.ok be base v width (conv-ptr be base v width fresh) (conv-objects v) width
                          (load-bytes be (object-raw be v width) #x0000000000000000 width)))
           ; every negative signed value (sign bit of the width set) takes this path
           (=> (distinct (bvand v (bvshl #x0000000000000001 (bvsub (bvmul #x0000000000000008 width) #x0000000000000001))) #x0000000000000000)
               (= (conv-objects v) #x0000000000000001)))))

(define-fun claim.SV-004 ((w (_ BitVec 64)) (be Bool) (base (_ BitVec 64)) (b (_ BitVec 64))) Bool
  (=> (and (table-placed w base) (bvult b #x0000000000000100))
      (let ((ptr (conv8-ptr be base b)))
        (and (SV-004.ok be base b ptr #x0000000000000000)
             (fits w ptr)
             (= (table-read be base ptr #x0000000000000001) b)
             ; false is slot 0, true slot 1, int8(-1) = 0xff slot 255
             (= (conv8-ptr be base #x0000000000000000) (bvadd base (table-offset #x0000000000000001 be)))
             (= (table-read be base (conv8-ptr be base #x0000000000000001) #x0000000000000001) #x0000000000000001)
             (= (table-read be base (conv8-ptr be base #x00000000000000ff) #x0000000000000001) #x00000000000000ff)))))

(define-fun claim.SV-005 ((w (_ BitVec 64)) (be Bool) (base (_ BitVec 64)) (b (_ BitVec 64))) Bool
  (=> (and (table-placed w base) (bvult b #x0000000000000100))
      (let ((ptr (str1-ptr be base b)))
        (and (SV-005.ok be base b ptr #x0000000000000000)
             (fits w ptr)
             (= (table-read be base ptr #x0000000000000001) b)
             ; the same address an 8-bit conversion of b gets: one table, not two
             (= ptr (conv8-ptr be base b))))))

(define-fun claim.SV-006 ((zerobase (_ BitVec 64)) (fresh (_ BitVec 64))) Bool
  (and (SV-006.ok zerobase (conv-string-ptr zerobase #x0000000000000000 fresh) (conv-string-objects #x0000000000000000))
       (SV-006.ok zerobase (conv-slice-ptr zerobase #x0000000000000000 fresh) (conv-slice-objects #x0000000000000000))))

; ===================== obligations =====================

(push 1)
(set-info :obligation "SV-001/table-layout")
(set-info :requirement "SV-001")
(set-info :arch "32le")
(set-info :statement "slot v of the table holds v in the machine's byte order: first byte on little-endian, last on big-endian")
(set-info :status unsat)
(declare-const v (_ BitVec 64))
(declare-const raw (_ BitVec 64))
(assert (not (claim.SV-001 false v raw)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-002/small-values-from-table")
(set-info :requirement "SV-002")
(set-info :arch "32le")
(set-info :statement "every 16/32/64-bit value below 256 is served from the table at the AR-003 address, reads back as v, allocates nothing")
(set-info :status unsat)
(declare-const base (_ BitVec 64))
(declare-const v (_ BitVec 64))
(declare-const width (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(assert (not (claim.SV-002 #x0000000000000020 false base v width fresh)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-003/large-values-allocate-once")
(set-info :requirement "SV-003")
(set-info :arch "32le")
(set-info :statement "every 16/32/64-bit value of 256 or more, negatives included, allocates one object of its width outside the table that reads back v")
(set-info :status unsat)
(declare-const base (_ BitVec 64))
(declare-const v (_ BitVec 64))
(declare-const width (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(assert (not (claim.SV-003 #x0000000000000020 false base v width fresh)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-004/byte-values-from-table")
(set-info :requirement "SV-004")
(set-info :arch "32le")
(set-info :statement "all 256 byte values (bool, int8, uint8) are served from slot b at the 1-byte offset without allocating")
(set-info :status unsat)
(declare-const base (_ BitVec 64))
(declare-const b (_ BitVec 64))
(assert (not (claim.SV-004 #x0000000000000020 false base b)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-005/one-byte-strings-from-table")
(set-info :requirement "SV-005")
(set-info :arch "32le")
(set-info :statement "all 256 one-byte strings point at slot b of the same table at the 1-byte offset without allocating")
(set-info :status unsat)
(declare-const base (_ BitVec 64))
(declare-const b (_ BitVec 64))
(assert (not (claim.SV-005 #x0000000000000020 false base b)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-006/empty-string-nil-slice")
(set-info :requirement "SV-006")
(set-info :arch "32le")
(set-info :statement "the empty string and the nil slice point at the start of the static zero and allocate nothing")
(set-info :status unsat)
(declare-const zerobase (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(assert (not (claim.SV-006 zerobase fresh)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-001/table-layout")
(set-info :requirement "SV-001")
(set-info :arch "32be")
(set-info :statement "slot v of the table holds v in the machine's byte order: first byte on little-endian, last on big-endian")
(set-info :status unsat)
(declare-const v (_ BitVec 64))
(declare-const raw (_ BitVec 64))
(assert (not (claim.SV-001 true v raw)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-002/small-values-from-table")
(set-info :requirement "SV-002")
(set-info :arch "32be")
(set-info :statement "every 16/32/64-bit value below 256 is served from the table at the AR-003 address, reads back as v, allocates nothing")
(set-info :status unsat)
(declare-const base (_ BitVec 64))
(declare-const v (_ BitVec 64))
(declare-const width (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(assert (not (claim.SV-002 #x0000000000000020 true base v width fresh)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-003/large-values-allocate-once")
(set-info :requirement "SV-003")
(set-info :arch "32be")
(set-info :statement "every 16/32/64-bit value of 256 or more, negatives included, allocates one object of its width outside the table that reads back v")
(set-info :status unsat)
(declare-const base (_ BitVec 64))
(declare-const v (_ BitVec 64))
(declare-const width (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(assert (not (claim.SV-003 #x0000000000000020 true base v width fresh)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-004/byte-values-from-table")
(set-info :requirement "SV-004")
(set-info :arch "32be")
(set-info :statement "all 256 byte values (bool, int8, uint8) are served from slot b at the 1-byte offset without allocating")
(set-info :status unsat)
(declare-const base (_ BitVec 64))
(declare-const b (_ BitVec 64))
(assert (not (claim.SV-004 #x0000000000000020 true base b)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-005/one-byte-strings-from-table")
(set-info :requirement "SV-005")
(set-info :arch "32be")
(set-info :statement "all 256 one-byte strings point at slot b of the same table at the 1-byte offset without allocating")
(set-info :status unsat)
(declare-const base (_ BitVec 64))
(declare-const b (_ BitVec 64))
(assert (not (claim.SV-005 #x0000000000000020 true base b)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-006/empty-string-nil-slice")
(set-info :requirement "SV-006")
(set-info :arch "32be")
(set-info :statement "the empty string and the nil slice point at the start of the static zero and allocate nothing")
(set-info :status unsat)
(declare-const zerobase (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(assert (not (claim.SV-006 zerobase fresh)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-001/table-layout")
(set-info :requirement "SV-001")
(set-info :arch "64le")
(set-info :statement "slot v of the table holds v in the machine's byte order: first byte on little-endian, last on big-endian")
(set-info :status unsat)
(declare-const v (_ BitVec 64))
(declare-const raw (_ BitVec 64))
(assert (not (claim.SV-001 false v raw)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-002/small-values-from-table")
(set-info :requirement "SV-002")
(set-info :arch "64le")
(set-info :statement "every 16/32/64-bit value below 256 is served from the table at the AR-003 address, reads back as v, allocates nothing")
(set-info :status unsat)
(declare-const base (_ BitVec 64))
(declare-const v (_ BitVec 64))
(declare-const width (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(assert (not (claim.SV-002 #x0000000000000040 false base v width fresh)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-003/large-values-allocate-once")
(set-info :requirement "SV-003")
(set-info :arch "64le")
(set-info :statement "every 16/32/64-bit value of 256 or more, negatives included, allocates one object of its width outside the table that reads back v")
(set-info :status unsat)
(declare-const base (_ BitVec 64))
(declare-const v (_ BitVec 64))
(declare-const width (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(assert (not (claim.SV-003 #x0000000000000040 false base v width fresh)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-004/byte-values-from-table")
(set-info :requirement "SV-004")
(set-info :arch "64le")
(set-info :statement "all 256 byte values (bool, int8, uint8) are served from slot b at the 1-byte offset without allocating")
(set-info :status unsat)
(declare-const base (_ BitVec 64))
(declare-const b (_ BitVec 64))
(assert (not (claim.SV-004 #x0000000000000040 false base b)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-005/one-byte-strings-from-table")
(set-info :requirement "SV-005")
(set-info :arch "64le")
(set-info :statement "all 256 one-byte strings point at slot b of the same table at the 1-byte offset without allocating")
(set-info :status unsat)
(declare-const base (_ BitVec 64))
(declare-const b (_ BitVec 64))
(assert (not (claim.SV-005 #x0000000000000040 false base b)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-006/empty-string-nil-slice")
(set-info :requirement "SV-006")
(set-info :arch "64le")
(set-info :statement "the empty string and the nil slice point at the start of the static zero and allocate nothing")
(set-info :status unsat)
(declare-const zerobase (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(assert (not (claim.SV-006 zerobase fresh)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-001/table-layout")
(set-info :requirement "SV-001")
(set-info :arch "64be")
(set-info :statement "slot v of the table holds v in the machine's byte order: first byte on little-endian, last on big-endian")
(set-info :status unsat)
(declare-const v (_ BitVec 64))
(declare-const raw (_ BitVec 64))
(assert (not (claim.SV-001 true v raw)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-002/small-values-from-table")
(set-info :requirement "SV-002")
(set-info :arch "64be")
(set-info :statement "every 16/32/64-bit value below 256 is served from the table at the AR-003 address, reads back as v, allocates nothing")
(set-info :status unsat)
(declare-const base (_ BitVec 64))
(declare-const v (_ BitVec 64))
(declare-const width (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(assert (not (claim.SV-002 #x0000000000000040 true base v width fresh)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-003/large-values-allocate-once")
(set-info :requirement "SV-003")
(set-info :arch "64be")
(set-info :statement "every 16/32/64-bit value of 256 or more, negatives included, allocates one object of its width outside the table that reads back v")
(set-info :status unsat)
(declare-const base (_ BitVec 64))
(declare-const v (_ BitVec 64))
(declare-const width (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(assert (not (claim.SV-003 #x0000000000000040 true base v width fresh)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-004/byte-values-from-table")
(set-info :requirement "SV-004")
(set-info :arch "64be")
(set-info :statement "all 256 byte values (bool, int8, uint8) are served from slot b at the 1-byte offset without allocating")
(set-info :status unsat)
(declare-const base (_ BitVec 64))
(declare-const b (_ BitVec 64))
(assert (not (claim.SV-004 #x0000000000000040 true base b)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-005/one-byte-strings-from-table")
(set-info :requirement "SV-005")
(set-info :arch "64be")
(set-info :statement "all 256 one-byte strings point at slot b of the same table at the 1-byte offset without allocating")
(set-info :status unsat)
(declare-const base (_ BitVec 64))
(declare-const b (_ BitVec 64))
(assert (not (claim.SV-005 #x0000000000000040 true base b)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-006/empty-string-nil-slice")
(set-info :requirement "SV-006")
(set-info :arch "64be")
(set-info :statement "the empty string and the nil slice point at the start of the static zero and allocate nothing")
(set-info :status unsat)
(declare-const zerobase (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(assert (not (claim.SV-006 zerobase fresh)))
(check-sat)
(pop 1)
