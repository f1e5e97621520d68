; architecture.smt2: AR-001 (declared architecture), AR-002 (storage widths), AR-003 (table offset).
; Each obligation is stated once, over W (the word size in bits) and BE (big-endian); the prover
; instantiates it for each architecture. One architecture by hand (one "unsat" per obligation):
;   dotnet run --project src/Conformance.Cli -- prove --emit models/architecture.smt2 --arch 64be | z3 -in
; The shared helpers are in prelude.smt2; conventions and how to add an obligation: models/README.md.

; ===================== oracle predicates =====================

; AR-001: the architecture is one of the two word sizes and x is representable in the word.
(define-fun AR-001.ok ((w (_ BitVec 64)) (x (_ BitVec 64))) Bool
  (and (word-ok w) (fits w x)))

; AR-002: storage width in bytes of a value kind. Kind codes: 0 bool, 1 int8, 2 uint8, 3 int16,
; 4 uint16, 5 int32, 6 uint32, 7 int64, 8 uint64, 9 int, 10 uint, 11 uintptr (the word: w/8).
(define-fun storage-width ((w (_ BitVec 64)) (kind (_ BitVec 64))) (_ BitVec 64)
  (ite (bvule kind #x0000000000000002) #x0000000000000001
  (ite (bvule kind #x0000000000000004) #x0000000000000002
  (ite (bvule kind #x0000000000000006) #x0000000000000004
  (ite (bvule kind #x0000000000000008) #x0000000000000008
       (bvlshr w #x0000000000000003))))))
; The other values spec/small-value-table.md judges (gc's unsafe.Sizeof): 12 float32 (4), 13 float64,
; 14 complex64, 15 struct { a, b uint32 }, 16 [8]byte (8 each), 17 struct{} (0).
(define-fun other-width ((kind (_ BitVec 64))) (_ BitVec 64)
  (ite (= kind #x000000000000000c) #x0000000000000004
  (ite (= kind #x0000000000000011) #x0000000000000000 #x0000000000000008)))
(define-fun AR-002.width-ok ((w (_ BitVec 64)) (kind (_ BitVec 64)) (width (_ BitVec 64))) Bool
  (and (word-ok w) (bvule kind #x000000000000000b) (= width (storage-width w kind))))

; AR-002 as the suite observes it (spec decision: by truncation, whatever the allocator reports).
; The width as a function (the suite asks the model, it encodes no width itself), the two probes,
; and the predicate over what the runtime did with them.
(define-fun AR-002.width ((w (_ BitVec 64)) (kind (_ BitVec 64))) (_ BitVec 64)
  (ite (bvule kind #x000000000000000b) (storage-width w kind) (other-width kind)))
; 2^(8 width) + 1: a runtime that keeps exactly width bytes sees 1 (8-byte kinds: the shift leaves 0,
; so the probe is 1 itself). A bool has no wider bits: 1.
(define-fun AR-002.keep-probe ((w (_ BitVec 64)) (kind (_ BitVec 64))) (_ BitVec 64)
  (ite (= kind #x0000000000000000) #x0000000000000001
       (bvadd (bvshl #x0000000000000001 (bvmul #x0000000000000008 (storage-width w kind))) #x0000000000000001)))
; 2^(8 (width - 1)): >= 256 for widths of 2 or more, so it is not served from the table; a narrower width
; truncates it to 0, which is (slot 0).
(define-fun AR-002.widen-probe ((w (_ BitVec 64)) (kind (_ BitVec 64))) (_ BitVec 64)
  (bvshl #x0000000000000001 (bvmul #x0000000000000008 (bvsub (storage-width w kind) #x0000000000000001))))
; What the probes say about the width and nothing else (spec/docs/spec-changes.md, version 2): the keep probe is
; served from slot 1 at the offset of the width, the widen probe (width >= 2) is not served from the table at all.
; How many objects either allocated is judged by SV-002..SV-004, not here: an allocation bug is not a width bug.
(define-fun AR-002.ok ((w (_ BitVec 64)) (kind (_ BitVec 64)) (be Bool) (base (_ BitVec 64)) (keepptr (_ BitVec 64)) (widenptr (_ BitVec 64))) Bool
  (and (= (bvsub keepptr base) (bvadd #x0000000000000008 (table-offset (storage-width w kind) be)))
       (or (= (storage-width w kind) #x0000000000000001) (not (in-region widenptr base #x0000000000000800)))))
; What the keep probe's pointer is (the value the report shows as expected): slot 1 at the width's offset.
(define-fun AR-002.expect.keepptr ((w (_ BitVec 64)) (kind (_ BitVec 64)) (be Bool) (base (_ BitVec 64))) (_ BitVec 64)
  (bvadd base #x0000000000000008 (table-offset (storage-width w kind) be)))

; AR-003: the pointer for a width-byte value v < 256 is base + 8v + table-offset(width, be).
; Written as ptr - base so that nothing overflows.
(define-fun AR-003.ptr-ok ((be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (width (_ BitVec 64)) (ptr (_ BitVec 64))) Bool
  (table-ptr-ok be base v width ptr))
; The pointer AR-003 expects for v at width (the report's expected value).
(define-fun AR-003.expect.ptr ((be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (width (_ BitVec 64))) (_ BitVec 64)
  (bvadd base (bvmul #x0000000000000008 v) (table-offset width be)))

; ===================== the seed's algorithm =====================

; An independent 32-bit machine: the sum and product of two words computed in 32 bits.
(define-fun machine-add ((w (_ BitVec 64)) (x (_ BitVec 64)) (y (_ BitVec 64))) (_ BitVec 64)
  (ite (= w #x0000000000000020)
       ((_ zero_extend 32) (bvadd ((_ extract 31 0) x) ((_ extract 31 0) y)))
       (bvadd x y)))
(define-fun machine-mul ((w (_ BitVec 64)) (x (_ BitVec 64)) (y (_ BitVec 64))) (_ BitVec 64)
  (ite (= w #x0000000000000020)
       ((_ zero_extend 32) (bvmul ((_ extract 31 0) x) ((_ extract 31 0) y)))
       (bvmul x y)))
; Go's sizes in bits of each kind (unsafe.Sizeof * 8), as a separate table to cross-check AR-002.
(define-fun go-kind-bits ((w (_ BitVec 64)) (kind (_ BitVec 64))) (_ BitVec 64)
  (ite (or (= kind #x0000000000000000) (= kind #x0000000000000001) (= kind #x0000000000000002)) #x0000000000000008
  (ite (or (= kind #x0000000000000003) (= kind #x0000000000000004)) #x0000000000000010
  (ite (or (= kind #x0000000000000005) (= kind #x0000000000000006)) #x0000000000000020
  (ite (or (= kind #x0000000000000007) (= kind #x0000000000000008)) #x0000000000000040
       w)))))
; Go's compiler (walk.go, convT16/32/64): &staticuint64s[v] bumped by the literal 7, 6 or 4 on
; big-endian for 1, 2, 4 bytes ("bumps up the pointer so that it works properly").
(define-fun go-table-pointer ((be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (width (_ BitVec 64))) (_ BitVec 64)
  (bvadd base (bvmul #x0000000000000008 v)
         (ite (not be) #x0000000000000000
         (ite (= width #x0000000000000001) #x0000000000000007
         (ite (= width #x0000000000000002) #x0000000000000006
         (ite (= width #x0000000000000004) #x0000000000000004 #x0000000000000000))))))

; The runtime keeps the low bytes of a value's bits by Go's own size table (go-kind-bits), and
; allocates one object for values of 256 and above (convT16/32/64); 8-bit values never allocate.
(define-fun go-keep ((w (_ BitVec 64)) (kind (_ BitVec 64)) (x (_ BitVec 64))) (_ BitVec 64)
  (ite (= (go-kind-bits w kind) #x0000000000000040) x
       (bvand x (bvsub (bvshl #x0000000000000001 (go-kind-bits w kind)) #x0000000000000001))))
(define-fun go-conv-objects ((v (_ BitVec 64))) (_ BitVec 64)
  (ite (bvult v #x0000000000000100) #x0000000000000000 #x0000000000000001))
; ===================== claims =====================

(define-fun claim.AR-001 ((w (_ BitVec 64)) (x (_ BitVec 64)) (y (_ BitVec 64))) Bool
  (and (= (AR-001.ok w x) (bvule x (word-mask w)))
       (=> (and (fits w x) (fits w y))
           (and (= (wrap w (bvadd x y)) (machine-add w x y))
                (= (wrap w (bvmul x y)) (machine-mul w x y))))
       ; the overflow edge: 2^(w-1) fits, twice it wraps to 0
       (fits w (half-word w))
       (= (wrap w (bvmul #x0000000000000002 (half-word w))) #x0000000000000000)))

(define-fun claim.AR-002 ((w (_ BitVec 64)) (kind (_ BitVec 64)) (width (_ BitVec 64))) Bool
  (=> (bvule kind #x000000000000000b)
      (and (AR-002.width-ok w kind (storage-width w kind))
           (table-width (storage-width w kind))
           (= (bvmul #x0000000000000008 (storage-width w kind)) (go-kind-bits w kind))
           (=> (AR-002.width-ok w kind width) (= width (storage-width w kind))))))

; The probes, run through Go's conversion, satisfy AR-002.ok for every kind on every architecture (the fresh
; object of an allocation lies outside the table: the allocator's contract).
(define-fun claim.AR-002.probe ((w (_ BitVec 64)) (kind (_ BitVec 64)) (be Bool) (base (_ BitVec 64)) (fresh (_ BitVec 64))) Bool
  (=> (and (word-ok w) (bvule kind #x000000000000000b) (not (in-region fresh base #x0000000000000800)))
      (let ((width (bvlshr (go-kind-bits w kind) #x0000000000000003))
            (keep (go-keep w kind (AR-002.keep-probe w kind)))
            (widen (go-keep w kind (AR-002.widen-probe w kind))))
        ; keep is below 256 (from the table) and widen, for widths of 2 or more, is not (a fresh object): so the
        ; data words are the table pointer of keep and fresh.
        (and (= (go-conv-objects keep) #x0000000000000000)
             (or (= width #x0000000000000001) (= (go-conv-objects widen) #x0000000000000001))
             (AR-002.ok w kind be base (go-table-pointer be base keep width) fresh)))))

(define-fun claim.AR-003 ((be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (width (_ BitVec 64)) (o (_ BitVec 64))) Bool
  (=> (and (bvult v #x0000000000000100) (table-width width))
      (and (= (load-bytes be (slot-raw be v) (table-offset width be) width) v)
           (bvule (table-offset width be) (bvsub #x0000000000000008 width))
           ; unique: any other offset in 0..8-width reads something else for every v > 0
           (=> (and (bvule o (bvsub #x0000000000000008 width))
                    (distinct o (table-offset width be))
                    (distinct v #x0000000000000000))
               (distinct (load-bytes be (slot-raw be v) o width) v))
           ; Go's literal offsets are that function
           (AR-003.ptr-ok be base v width (go-table-pointer be base v width)))))

; ===================== constants =====================
; What the obligations below quantify over: a counterexample lists the ones its obligation uses,
; in this order.
(declare-const x (_ BitVec 64))
(declare-const y (_ BitVec 64))
(declare-const kind (_ BitVec 64))
(declare-const base (_ BitVec 64))
(declare-const v (_ BitVec 64))
(declare-const width (_ BitVec 64))
(declare-const o (_ BitVec 64))
(declare-const fresh (_ BitVec 64))

; ===================== obligations =====================

(push 1)
(set-info :obligation "AR-001/word-arithmetic")
(set-info :requirement "AR-001")
(set-info :statement "AR-001.ok accepts exactly the words; masked 64-bit arithmetic is exactly the machine's; 2*2^(w-1) wraps to 0")
(set-info :status unsat)
(assert (not (claim.AR-001 W x y)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "AR-002/storage-width")
(set-info :requirement "AR-002")
(set-info :statement "every kind has exactly one storage width, a table width, equal to Go's size; int, uint, uintptr are word-sized")
(set-info :status unsat)
(assert (not (claim.AR-002 W kind width)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "AR-003/table-offset")
(set-info :requirement "AR-003")
(set-info :statement "for every v < 256 and width 1,2,4,8, reading at 8v + table-offset yields v, no other offset does, and Go's literals agree")
(set-info :status unsat)
(assert (not (claim.AR-003 BE base v width o)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "AR-002/truncation-probes")
(set-info :requirement "AR-002")
(set-info :statement "for every kind, Go's conversion keeps 2^(8w)+1 as slot 1 (without allocating) and serves 2^(8(w-1)) outside the table when w >= 2")
(set-info :status unsat)
(assert (not (claim.AR-002.probe W kind BE base fresh)))
(check-sat)
(pop 1)
