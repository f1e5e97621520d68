; small-values.smt2: SV-001..SV-006 and SV-008..SV-011, the table of the uint64 values 0..255 and what is served from it
; (SV-007 is in zero-never-written.smt2).
; Each obligation is stated once, over W (the word size in bits) and BE (big-endian); the prover
; instantiates it for each architecture. One architecture by hand (one "unsat" per obligation):
;   dotnet run --project src/Conformance.Cli -- prove --emit models/small-values.smt2 --arch 64be | z3 -in
; The shared helpers are in prelude.smt2; conventions and how to add an obligation: models/README.md.

; ===================== oracle predicates =====================

; SV-001: raw (the slot's 8 bytes in address order, lowest address most significant) read in byte
; order be is v, for a slot v of the table.
(define-fun SV-001.slot-ok ((be Bool) (v (_ BitVec 64)) (raw (_ BitVec 64))) Bool
  (and (bvult v #x0000000000000100) (= (load-bytes be raw #x0000000000000000 #x0000000000000008) v)))
; The slot's bytes SV-001 expects, in address order (the report's expected value).
(define-fun SV-001.expect.raw ((be Bool) (v (_ BitVec 64))) (_ BitVec 64)
  (slot-raw be v))

; SV-002: a 16/32/64-bit value below 256 is served from the table (AR-003 address) and allocates
; nothing. Total: true for v >= 256 (SV-003 judges those).
(define-fun SV-002.ok ((be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (width (_ BitVec 64)) (ptr (_ BitVec 64)) (objects (_ BitVec 64))) Bool
  (=> (bvult v #x0000000000000100)
      (and (= objects #x0000000000000000) (table-ptr-ok be base v width ptr))))
; Expected values for reports: the table pointer of v at width, and no allocation.
(define-fun SV-002.expect.ptr ((be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (width (_ BitVec 64))) (_ BitVec 64)
  (bvadd base (bvmul #x0000000000000008 v) (table-offset width be)))
(define-fun SV-002.expect.objects () (_ BitVec 64)
  #x0000000000000000)

; SV-003: a value >= 256 allocates exactly one object, outside the table [base, base+2048), whose
; width bytes read back as v. Total: true for v < 256. The object's size is judged by what it holds,
; not by the allocator's byte count (spec decision: allocators count bytes by size class), so bytes
; is reported but not constrained.
(define-fun SV-003.ok ((be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (width (_ BitVec 64)) (ptr (_ BitVec 64)) (objects (_ BitVec 64)) (bytes (_ BitVec 64)) (readback (_ BitVec 64))) Bool
  (=> (bvuge v #x0000000000000100)
      (and (= objects #x0000000000000001)
           (disjoint ptr width base #x0000000000000800)
           (= readback v))))
; Expected values for reports: one object, holding v.
(define-fun SV-003.expect.objects () (_ BitVec 64)
  #x0000000000000001)
(define-fun SV-003.expect.readback ((v (_ BitVec 64))) (_ BitVec 64)
  v)

; SV-004: a 1-byte value b (bool, int8, uint8: its unsigned byte) is at slot b, 1-byte offset, no allocation.
(define-fun SV-004.ok ((be Bool) (base (_ BitVec 64)) (b (_ BitVec 64)) (ptr (_ BitVec 64)) (objects (_ BitVec 64))) Bool
  (and (= objects #x0000000000000000) (table-ptr-ok be base b #x0000000000000001 ptr)))
; Expected values for reports: slot b at the 1-byte offset, no allocation.
(define-fun SV-004.expect.ptr ((be Bool) (base (_ BitVec 64)) (b (_ BitVec 64))) (_ BitVec 64)
  (bvadd base (bvmul #x0000000000000008 b) (table-offset #x0000000000000001 be)))
(define-fun SV-004.expect.objects () (_ BitVec 64)
  #x0000000000000000)

; SV-005: a one-byte string of byte b has its data at slot b of the same table, 1-byte offset, no allocation.
(define-fun SV-005.ok ((be Bool) (base (_ BitVec 64)) (b (_ BitVec 64)) (ptr (_ BitVec 64)) (objects (_ BitVec 64))) Bool
  (and (= objects #x0000000000000000) (table-ptr-ok be base b #x0000000000000001 ptr)))
; Expected values for reports: slot b at the 1-byte offset, no allocation.
(define-fun SV-005.expect.ptr ((be Bool) (base (_ BitVec 64)) (b (_ BitVec 64))) (_ BitVec 64)
  (bvadd base (bvmul #x0000000000000008 b) (table-offset #x0000000000000001 be)))
(define-fun SV-005.expect.objects () (_ BitVec 64)
  #x0000000000000000)

; SV-006: the empty string and the nil slice point at the start of the static zero and allocate nothing.
(define-fun SV-006.ok ((zerobase (_ BitVec 64)) (ptr (_ BitVec 64)) (objects (_ BitVec 64))) Bool
  (and (= ptr zerobase) (= objects #x0000000000000000)))
; Expected values for reports: the static zero's start, no allocation.
(define-fun SV-006.expect.ptr ((zerobase (_ BitVec 64))) (_ BitVec 64)
  zerobase)
(define-fun SV-006.expect.objects () (_ BitVec 64)
  #x0000000000000000)

; SV-008: a float32 or float64 is judged by its bits v (its unsigned number) as an integer of its width: below 256
; served from the table at the AR-003 address without allocating; otherwise one object outside the table whose
; width bytes read back v.
(define-fun SV-008.ok ((be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (width (_ BitVec 64)) (ptr (_ BitVec 64)) (objects (_ BitVec 64)) (readback (_ BitVec 64))) Bool
  (ite (bvult v #x0000000000000100)
       (and (= objects #x0000000000000000) (table-ptr-ok be base v width ptr))
       (and (= objects #x0000000000000001) (disjoint ptr width base #x0000000000000800) (= readback v))))
; Expected allocation count for reports: none below 256, one object otherwise; the bits read back.
(define-fun SV-008.expect.objects ((v (_ BitVec 64))) (_ BitVec 64)
  (ite (bvult v #x0000000000000100) #x0000000000000000 #x0000000000000001))
(define-fun SV-008.expect.readback ((v (_ BitVec 64))) (_ BitVec 64)
  v)

; SV-009: another pointer-free value of size bytes (its bytes as the unsigned number v): wherever it is served, its
; size bytes read back v; served from the table only at the AR-003 address of its size, allocating nothing
; (which needs v < 256); otherwise exactly one object.
(define-fun SV-009.ok ((be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (size (_ BitVec 64)) (ptr (_ BitVec 64)) (objects (_ BitVec 64)) (readback (_ BitVec 64))) Bool
  (and (= readback v)
       (ite (in-region ptr base #x0000000000000800)
            (and (= objects #x0000000000000000) (table-ptr-ok be base v size ptr))
            (= objects #x0000000000000001))))
; Expected value for reports: the value's bytes read back.
(define-fun SV-009.expect.readback ((v (_ BitVec 64))) (_ BitVec 64)
  v)

; SV-010: a zero-sized value converts without allocating.
(define-fun SV-010.ok ((objects (_ BitVec 64))) Bool
  (= objects #x0000000000000000))
(define-fun SV-010.expect.objects () (_ BitVec 64)
  #x0000000000000000)

; SV-011: an empty non-nil slice is not served from the shared zero: the data word points elsewhere, at a header
; whose array word is not nil and whose length and capacity are 0.
(define-fun SV-011.ok ((staticbase (_ BitVec 64)) (ptr (_ BitVec 64)) (array (_ BitVec 64)) (len (_ BitVec 64)) (cap (_ BitVec 64))) Bool
  (and (distinct ptr staticbase) (distinct array #x0000000000000000)
       (= len #x0000000000000000) (= cap #x0000000000000000)))
(define-fun SV-011.expect.len () (_ BitVec 64)
  #x0000000000000000)
(define-fun SV-011.expect.cap () (_ BitVec 64)
  #x0000000000000000)

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

; gc chooses the conversion by size and alignment, never by kind (src/cmd/compile/internal/walk/convert.go:331-356):
; convT16 for (2, 2), convT32 for (4, 4), convT64 for (8, the alignment of uint64: the word's on 32-bit machines,
; 8 on 64-bit); every other pointer-free value is copied by convTnoptr (one object holding its bytes).
(define-fun uint64-align ((w (_ BitVec 64))) (_ BitVec 64)
  (ite (= w #x0000000000000020) #x0000000000000004 #x0000000000000008))
(define-fun takes-table ((w (_ BitVec 64)) (size (_ BitVec 64)) (align (_ BitVec 64))) Bool
  (or (and (= size #x0000000000000002) (= align #x0000000000000002))
      (and (= size #x0000000000000004) (= align #x0000000000000004))
      (and (= size #x0000000000000008) (= align (uint64-align w)))))
(define-fun conv-any-ptr ((w (_ BitVec 64)) (be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (size (_ BitVec 64)) (align (_ BitVec 64)) (fresh (_ BitVec 64))) (_ BitVec 64)
  (ite (takes-table w size align) (conv-ptr be base v size fresh) fresh))
(define-fun conv-any-objects ((w (_ BitVec 64)) (v (_ BitVec 64)) (size (_ BitVec 64)) (align (_ BitVec 64))) (_ BitVec 64)
  (ite (takes-table w size align) (conv-objects v) #x0000000000000001))
; What the size bytes at the data word read as: the table's bytes there, or the copy's (which holds the value).
(define-fun conv-any-readback ((w (_ BitVec 64)) (be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (size (_ BitVec 64)) (align (_ BitVec 64)) (fresh (_ BitVec 64))) (_ BitVec 64)
  (ite (and (takes-table w size align) (conv-small v))
       (table-read be base (conv-any-ptr w be base v size align fresh) size)
       (load-bytes be (object-raw be v size) #x0000000000000000 size)))
; A zero-sized value: gc points the data word at runtime.zerobase; nothing is allocated.
(define-fun conv-zero-sized-objects () (_ BitVec 64)
  #x0000000000000000)
; convTslice of an empty slice whose array pointer is zerobase (mallocgc's answer to a zero-byte request, not nil):
; the header is copied to a new object (conv-slice-ptr), which holds {zerobase, 0, 0}.

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

; float32 and float64 are 4- and 8-byte values aligned as uint32 and uint64: the table path.
(define-fun claim.SV-008 ((w (_ BitVec 64)) (be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (width (_ BitVec 64)) (fresh (_ BitVec 64))) Bool
  (=> (and (table-placed w base) (or (= width #x0000000000000004) (= width #x0000000000000008))
           (value-of-width v width)
           (region-fits w fresh width) (disjoint fresh width base #x0000000000000800))
      (let ((align (ite (= width #x0000000000000004) #x0000000000000004 (uint64-align w))))
        (SV-008.ok be base v width (conv-any-ptr w be base v width align fresh) (conv-any-objects w v width align)
                   (conv-any-readback w be base v width align fresh)))))

(define-fun claim.SV-009 ((w (_ BitVec 64)) (be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (size (_ BitVec 64)) (align (_ BitVec 64)) (fresh (_ BitVec 64))) Bool
  (=> (and (table-placed w base) (table-width size) (bvuge size #x0000000000000002)
           (table-width align) (bvule align size)
           (value-of-width v size)
           (region-fits w fresh size) (disjoint fresh size base #x0000000000000800))
      (SV-009.ok be base v size (conv-any-ptr w be base v size align fresh) (conv-any-objects w v size align)
                 (conv-any-readback w be base v size align fresh))))

(define-fun claim.SV-010 () Bool
  (SV-010.ok conv-zero-sized-objects))

(define-fun claim.SV-011 ((w (_ BitVec 64)) (zerobase (_ BitVec 64)) (zb (_ BitVec 64)) (fresh (_ BitVec 64))) Bool
  (=> (and (distinct zb #x0000000000000000) (fits w zb)
           (region-fits w zerobase #x0000000000000400) (disjoint fresh #x0000000000000018 zerobase #x0000000000000400)
           (distinct fresh #x0000000000000000))
      (SV-011.ok zerobase (conv-slice-ptr zerobase zb fresh) zb #x0000000000000000 #x0000000000000000)))

; ===================== constants =====================
; What the obligations below quantify over: a counterexample lists the ones its obligation uses,
; in this order.
(declare-const base (_ BitVec 64))
(declare-const v (_ BitVec 64))
(declare-const raw (_ BitVec 64))
(declare-const width (_ BitVec 64))
(declare-const b (_ BitVec 64))
(declare-const zerobase (_ BitVec 64))
(declare-const fresh (_ BitVec 64))
(declare-const size (_ BitVec 64))
(declare-const align (_ BitVec 64))
(declare-const zb (_ BitVec 64))

; ===================== obligations =====================

(push 1)
(set-info :obligation "SV-001/table-layout")
(set-info :requirement "SV-001")
(set-info :statement "slot v of the table holds v in the machine's byte order: first byte on little-endian, last on big-endian")
(set-info :status unsat)
(assert (not (claim.SV-001 BE v raw)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-002/small-values-from-table")
(set-info :requirement "SV-002")
(set-info :statement "every 16/32/64-bit value below 256 is served from the table at the AR-003 address, reads back as v, allocates nothing")
(set-info :status unsat)
(assert (not (claim.SV-002 W BE base v width fresh)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-003/large-values-allocate-once")
(set-info :requirement "SV-003")
(set-info :statement "every 16/32/64-bit value of 256 or more, negatives included, allocates one object of its width outside the table that reads back v")
(set-info :status unsat)
(assert (not (claim.SV-003 W BE base v width fresh)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-004/byte-values-from-table")
(set-info :requirement "SV-004")
(set-info :statement "all 256 byte values (bool, int8, uint8) are served from slot b at the 1-byte offset without allocating")
(set-info :status unsat)
(assert (not (claim.SV-004 W BE base b)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-005/one-byte-strings-from-table")
(set-info :requirement "SV-005")
(set-info :statement "all 256 one-byte strings point at slot b of the same table at the 1-byte offset without allocating")
(set-info :status unsat)
(assert (not (claim.SV-005 W BE base b)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-006/empty-string-nil-slice")
(set-info :requirement "SV-006")
(set-info :statement "the empty string and the nil slice point at the start of the static zero and allocate nothing")
(set-info :status unsat)
(assert (not (claim.SV-006 zerobase fresh)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-008/floats-by-bits")
(set-info :requirement "SV-008")
(set-info :statement "float32 and float64 take convT32/convT64: bits below 256 from the table, others one object reading back the bits")
(set-info :status unsat)
(assert (not (claim.SV-008 W BE base v width fresh)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-009/other-values-read-back")
(set-info :requirement "SV-009")
(set-info :statement "every pointer-free 2/4/8-byte value of any alignment reads back through its data word, from the table only at its AR-003 address, else one object")
(set-info :status unsat)
(assert (not (claim.SV-009 W BE base v size align fresh)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-010/zero-sized-no-allocation")
(set-info :requirement "SV-010")
(set-info :statement "a zero-sized value converts to an interface without allocating")
(set-info :status unsat)
(assert (not claim.SV-010))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-011/empty-slice-not-nil")
(set-info :requirement "SV-011")
(set-info :statement "an empty slice with a non-nil array is copied to a header {array, 0, 0}, never served from the shared zero")
(set-info :status unsat)
(assert (not (claim.SV-011 W zerobase zb fresh)))
(check-sat)
(pop 1)
