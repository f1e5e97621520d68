; prelude.smt2: the helpers every model file uses, in ONE place. The prover (ModelCatalog) puts this
; text before each model file; `prove --emit` writes it into the standalone script it prints. It holds
; define-funs only: no obligation, no constant, and no W or BE (the architecture is a parameter here,
; w and be; only obligations name the architecture being proved). A model file may not define these
; names again.
;
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

; Regions as the memory model (zero-never-written.smt2) writes them: [lo, hi] with an INCLUSIVE end
; (lo <= hi: never empty), so that membership and disjointness are comparisons, not sums.
; ZV-015/encoding-* (zero-memory.smt2) prove that this implies ZV-015.ok's (base, length).
(define-fun disj ((lo1 (_ BitVec 64)) (hi1 (_ BitVec 64)) (lo2 (_ BitVec 64)) (hi2 (_ BitVec 64))) Bool
  (or (bvult hi1 lo2) (bvult hi2 lo1)))
(define-fun r-ok ((w (_ BitVec 64)) (lo (_ BitVec 64)) (hi (_ BitVec 64))) Bool
  (and (bvule lo hi) (fits w hi)))
