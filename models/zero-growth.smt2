; zero-growth.smt2: ZV-004 (small types share the static zero), ZV-005 (one doubling buffer), ZV-006 (overflow throws), over the seed's mapzero (Go commit 7e26a2d). The doubling loop is proved by induction (init, step, exit, throw), not unrolled, so 64-bit costs no more than 32-bit.
; Run by hand: z3 models/zero-growth.smt2   (prints one "unsat" per obligation: unsat = proved)
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

(define-fun max4096 ((size (_ BitVec 64))) (_ BitVec 64)
  (ite (bvuge size #x0000000000001000) size #x0000000000001000))

; ZV-004: a type of at most 1024 bytes gets the static zero and leaves the buffer (size) as it was.
(define-fun ZV-004.ok ((size (_ BitVec 64)) (zero (_ BitVec 64)) (staticbase (_ BitVec 64)) (priorbuf (_ BitVec 64)) (postbuf (_ BitVec 64))) Bool
  (=> (bvule size #x0000000000000400)
      (and (= zero staticbase) (= postbuf priorbuf))))

; ZV-005: for 1024 < size <= 2^(w-1) the zero is the buffer's start and the buffer size post is a
; power of two, >= 4096, >= size; when the buffer before (size prior, at priorbuf) already held size,
; it is the same buffer, unchanged (no new buffer, not even one of the same size); and, when it grew,
; post < 2*max(size, 4096), written post/2 < max(size, 4096) so that nothing overflows.
(define-fun ZV-005.ok ((w (_ BitVec 64)) (size (_ BitVec 64)) (prior (_ BitVec 64)) (priorbuf (_ BitVec 64)) (post (_ BitVec 64)) (zero (_ BitVec 64)) (buf (_ BitVec 64))) Bool
  (=> (and (bvugt size #x0000000000000400) (bvule size (half-word w)))
      (and (= zero buf) (pow2 post) (fits w post)
           (bvuge post #x0000000000001000) (bvuge post size)
           (=> (bvuge prior size) (and (= post prior) (= buf priorbuf)))
           (=> (bvult prior size) (bvult (bvlshr post #x0000000000000001) (max4096 size))))))

; ZV-006: for sizes above 1024, the runtime threw exactly when size > 2^(w-1), then with the message
; "map element too large" (msgok) and no zero pointer set.
(define-fun ZV-006.ok ((w (_ BitVec 64)) (size (_ BitVec 64)) (threw Bool) (msgok Bool) (zero (_ BitVec 64))) Bool
  (=> (bvugt size #x0000000000000400)
      (and (= threw (bvugt size (half-word w)))
           (=> threw (and msgok (= zero #x0000000000000000))))))

; ===================== the seed's algorithm: mapzero =====================
; if t.size <= uintptr(len(zerotiny)) { t.zero = &zerotiny[0] }            (mapzero-small)
; lock; if zerobuf.size < t.size {                                          (needs-growth)
;     if zerobuf.size == 0 { zerobuf.size = 4 * 1024 }                      (grow-start)
;     for zerobuf.size < t.size { zerobuf.size *= 2                         (grow-step, wraps)
;         if zerobuf.size == 0 { throw("map element too large") } }         (grow-throws)
;     zerobuf.p = persistentalloc(zerobuf.size, 64, ...) }
; t.zero = zerobuf.p; unlock
(define-fun mapzero-small ((size (_ BitVec 64))) Bool
  (bvule size #x0000000000000400))
(define-fun needs-growth ((prior (_ BitVec 64)) (size (_ BitVec 64))) Bool
  (bvult prior size))
(define-fun grow-start ((prior (_ BitVec 64))) (_ BitVec 64)
  (ite (= prior #x0000000000000000) #x0000000000001000 prior))
(define-fun grow-step ((w (_ BitVec 64)) (s (_ BitVec 64))) (_ BitVec 64)
  (wrap w (bvmul #x0000000000000002 s)))
(define-fun grow-throws ((s (_ BitVec 64))) Bool
  (= s #x0000000000000000))

; The buffer sizes mapzero can leave behind: none yet, or a power of two >= 4096 in the word.
(define-fun buf-reachable ((w (_ BitVec 64)) (s (_ BitVec 64))) Bool
  (or (= s #x0000000000000000)
      (and (pow2 s) (bvuge s #x0000000000001000) (fits w s))))
; The loop invariant.
(define-fun grow-inv ((w (_ BitVec 64)) (size (_ BitVec 64)) (s (_ BitVec 64))) Bool
  (and (pow2 s) (fits w s) (bvuge s #x0000000000001000)
       (bvult (bvlshr s #x0000000000000001) (max4096 size))))
; Sizes that reach the buffer path.
(define-fun large-type ((w (_ BitVec 64)) (size (_ BitVec 64))) Bool
  (and (fits w size) (not (mapzero-small size))))

; ===================== claims =====================

(define-fun claim.ZV-004 ((w (_ BitVec 64)) (size (_ BitVec 64)) (prior (_ BitVec 64)) (post (_ BitVec 64)) (staticbase (_ BitVec 64)) (buf (_ BitVec 64))) Bool
  (=> (and (fits w size) (buf-reachable w prior) (distinct buf staticbase))
      (and (= (mapzero-small size) (bvule size #x0000000000000400))
           (ZV-004.ok size (ite (mapzero-small size) staticbase buf) staticbase prior
                      (ite (mapzero-small size) prior post)))))

(define-fun claim.ZV-005.init ((w (_ BitVec 64)) (size (_ BitVec 64)) (prior (_ BitVec 64))) Bool
  (=> (and (large-type w size) (buf-reachable w prior) (needs-growth prior size))
      (grow-inv w size (grow-start prior))))

(define-fun claim.ZV-005.step ((w (_ BitVec 64)) (size (_ BitVec 64)) (s (_ BitVec 64))) Bool
  (=> (and (large-type w size) (grow-inv w size s) (bvult s size)
           (not (grow-throws (grow-step w s))))
      ; the invariant is kept and s strictly grows in a finite word: the loop ends
      (and (grow-inv w size (grow-step w s)) (bvugt (grow-step w s) s))))

(define-fun claim.ZV-005.exit ((w (_ BitVec 64)) (size (_ BitVec 64)) (prior (_ BitVec 64)) (s (_ BitVec 64)) (buf (_ BitVec 64))) Bool
  (=> (and (large-type w size) (bvule size (half-word w)) (buf-reachable w prior)
           (needs-growth prior size) (grow-inv w size s) (bvuge s size))
      ; the loop ran (prior < size): a new buffer, so where the old one was does not matter
      (and (ZV-005.ok w size prior #x0000000000000000 s buf buf) (buf-reachable w s))))

(define-fun claim.ZV-005.no-growth ((w (_ BitVec 64)) (size (_ BitVec 64)) (prior (_ BitVec 64)) (buf (_ BitVec 64))) Bool
  (=> (and (large-type w size) (bvule size (half-word w)) (buf-reachable w prior)
           (not (needs-growth prior size)))
      ; mapzero publishes zerobuf.p as it is: the buffer before is the buffer after
      (ZV-005.ok w size prior buf prior buf buf)))

(define-fun claim.ZV-006 ((w (_ BitVec 64)) (size (_ BitVec 64)) (s (_ BitVec 64))) Bool
  (=> (and (large-type w size) (grow-inv w size s))
      (and ; a doubling that did not throw is exact: it never wrapped silently
           (=> (and (bvult s size) (not (grow-throws (grow-step w s))))
               (= (bvlshr (grow-step w s) #x0000000000000001) s))
           ; the loop never leaves normally for size > 2^(w-1): every invariant state is below size
           (=> (bvugt size (half-word w)) (bvult s size))
           ; and it throws only then
           (=> (and (bvult s size) (grow-throws (grow-step w s))) (bvugt size (half-word w)))
           ; the throw path returns before atomicstorep: no zero pointer
           (ZV-006.ok w size (bvugt size (half-word w)) true
                      (ite (bvugt size (half-word w)) #x0000000000000000 s)))))

; ===================== obligations =====================

(push 1)
(set-info :obligation "ZV-004/static-zero")
(set-info :requirement "ZV-004")
(set-info :arch "32le")
(set-info :statement "sizes <= 1024, and only they, take the static zero and leave the buffer unchanged")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(declare-const post (_ BitVec 64))
(declare-const staticbase (_ BitVec 64))
(declare-const buf (_ BitVec 64))
(assert (not (claim.ZV-004 #x0000000000000020 size prior post staticbase buf)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/loop-init")
(set-info :requirement "ZV-005")
(set-info :arch "32le")
(set-info :statement "from every reachable buffer state that must grow, the first loop size satisfies the loop invariant")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(assert (not (claim.ZV-005.init #x0000000000000020 size prior)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/loop-step")
(set-info :requirement "ZV-005")
(set-info :arch "32le")
(set-info :statement "a doubling that does not throw keeps the loop invariant and strictly grows the size (termination)")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const s (_ BitVec 64))
(assert (not (claim.ZV-005.step #x0000000000000020 size s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/loop-exit")
(set-info :requirement "ZV-005")
(set-info :arch "32le")
(set-info :statement "when the loop ends the buffer is a power of two, >= 4096, >= size, < 2*max(size,4096), and the type points at it")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(declare-const s (_ BitVec 64))
(declare-const buf (_ BitVec 64))
(assert (not (claim.ZV-005.exit #x0000000000000020 size prior s buf)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/no-growth")
(set-info :requirement "ZV-005")
(set-info :arch "32le")
(set-info :statement "a buffer already large enough is shared as is")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(declare-const buf (_ BitVec 64))
(assert (not (claim.ZV-005.no-growth #x0000000000000020 size prior buf)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-006/overflow-throws")
(set-info :requirement "ZV-006")
(set-info :arch "32le")
(set-info :statement "the doubling throws exactly for sizes > 2^(w-1), never wraps silently, and then sets no zero pointer")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const s (_ BitVec 64))
(assert (not (claim.ZV-006 #x0000000000000020 size s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-004/static-zero")
(set-info :requirement "ZV-004")
(set-info :arch "32be")
(set-info :statement "sizes <= 1024, and only they, take the static zero and leave the buffer unchanged")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(declare-const post (_ BitVec 64))
(declare-const staticbase (_ BitVec 64))
(declare-const buf (_ BitVec 64))
(assert (not (claim.ZV-004 #x0000000000000020 size prior post staticbase buf)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/loop-init")
(set-info :requirement "ZV-005")
(set-info :arch "32be")
(set-info :statement "from every reachable buffer state that must grow, the first loop size satisfies the loop invariant")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(assert (not (claim.ZV-005.init #x0000000000000020 size prior)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/loop-step")
(set-info :requirement "ZV-005")
(set-info :arch "32be")
(set-info :statement "a doubling that does not throw keeps the loop invariant and strictly grows the size (termination)")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const s (_ BitVec 64))
(assert (not (claim.ZV-005.step #x0000000000000020 size s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/loop-exit")
(set-info :requirement "ZV-005")
(set-info :arch "32be")
(set-info :statement "when the loop ends the buffer is a power of two, >= 4096, >= size, < 2*max(size,4096), and the type points at it")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(declare-const s (_ BitVec 64))
(declare-const buf (_ BitVec 64))
(assert (not (claim.ZV-005.exit #x0000000000000020 size prior s buf)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/no-growth")
(set-info :requirement "ZV-005")
(set-info :arch "32be")
(set-info :statement "a buffer already large enough is shared as is")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(declare-const buf (_ BitVec 64))
(assert (not (claim.ZV-005.no-growth #x0000000000000020 size prior buf)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-006/overflow-throws")
(set-info :requirement "ZV-006")
(set-info :arch "32be")
(set-info :statement "the doubling throws exactly for sizes > 2^(w-1), never wraps silently, and then sets no zero pointer")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const s (_ BitVec 64))
(assert (not (claim.ZV-006 #x0000000000000020 size s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-004/static-zero")
(set-info :requirement "ZV-004")
(set-info :arch "64le")
(set-info :statement "sizes <= 1024, and only they, take the static zero and leave the buffer unchanged")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(declare-const post (_ BitVec 64))
(declare-const staticbase (_ BitVec 64))
(declare-const buf (_ BitVec 64))
(assert (not (claim.ZV-004 #x0000000000000040 size prior post staticbase buf)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/loop-init")
(set-info :requirement "ZV-005")
(set-info :arch "64le")
(set-info :statement "from every reachable buffer state that must grow, the first loop size satisfies the loop invariant")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(assert (not (claim.ZV-005.init #x0000000000000040 size prior)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/loop-step")
(set-info :requirement "ZV-005")
(set-info :arch "64le")
(set-info :statement "a doubling that does not throw keeps the loop invariant and strictly grows the size (termination)")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const s (_ BitVec 64))
(assert (not (claim.ZV-005.step #x0000000000000040 size s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/loop-exit")
(set-info :requirement "ZV-005")
(set-info :arch "64le")
(set-info :statement "when the loop ends the buffer is a power of two, >= 4096, >= size, < 2*max(size,4096), and the type points at it")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(declare-const s (_ BitVec 64))
(declare-const buf (_ BitVec 64))
(assert (not (claim.ZV-005.exit #x0000000000000040 size prior s buf)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/no-growth")
(set-info :requirement "ZV-005")
(set-info :arch "64le")
(set-info :statement "a buffer already large enough is shared as is")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(declare-const buf (_ BitVec 64))
(assert (not (claim.ZV-005.no-growth #x0000000000000040 size prior buf)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-006/overflow-throws")
(set-info :requirement "ZV-006")
(set-info :arch "64le")
(set-info :statement "the doubling throws exactly for sizes > 2^(w-1), never wraps silently, and then sets no zero pointer")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const s (_ BitVec 64))
(assert (not (claim.ZV-006 #x0000000000000040 size s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-004/static-zero")
(set-info :requirement "ZV-004")
(set-info :arch "64be")
(set-info :statement "sizes <= 1024, and only they, take the static zero and leave the buffer unchanged")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(declare-const post (_ BitVec 64))
(declare-const staticbase (_ BitVec 64))
(declare-const buf (_ BitVec 64))
(assert (not (claim.ZV-004 #x0000000000000040 size prior post staticbase buf)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/loop-init")
(set-info :requirement "ZV-005")
(set-info :arch "64be")
(set-info :statement "from every reachable buffer state that must grow, the first loop size satisfies the loop invariant")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(assert (not (claim.ZV-005.init #x0000000000000040 size prior)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/loop-step")
(set-info :requirement "ZV-005")
(set-info :arch "64be")
(set-info :statement "a doubling that does not throw keeps the loop invariant and strictly grows the size (termination)")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const s (_ BitVec 64))
(assert (not (claim.ZV-005.step #x0000000000000040 size s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/loop-exit")
(set-info :requirement "ZV-005")
(set-info :arch "64be")
(set-info :statement "when the loop ends the buffer is a power of two, >= 4096, >= size, < 2*max(size,4096), and the type points at it")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(declare-const s (_ BitVec 64))
(declare-const buf (_ BitVec 64))
(assert (not (claim.ZV-005.exit #x0000000000000040 size prior s buf)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/no-growth")
(set-info :requirement "ZV-005")
(set-info :arch "64be")
(set-info :statement "a buffer already large enough is shared as is")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(declare-const buf (_ BitVec 64))
(assert (not (claim.ZV-005.no-growth #x0000000000000040 size prior buf)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-006/overflow-throws")
(set-info :requirement "ZV-006")
(set-info :arch "64be")
(set-info :statement "the doubling throws exactly for sizes > 2^(w-1), never wraps silently, and then sets no zero pointer")
(set-info :status unsat)
(declare-const size (_ BitVec 64))
(declare-const s (_ BitVec 64))
(assert (not (claim.ZV-006 #x0000000000000040 size s)))
(check-sat)
(pop 1)
