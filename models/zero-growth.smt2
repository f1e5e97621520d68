; zero-growth.smt2: ZV-004 (small types share the static zero), ZV-005 (one doubling buffer), ZV-006
; (overflow throws), over the seed's mapzero (Go commit 7e26a2d). The doubling loop is proved by
; induction (init, step, exit, throw), not unrolled, so 64-bit costs no more than 32-bit.
; Each obligation is stated once, over W (the word size in bits) and BE (big-endian); the prover
; instantiates it for each architecture. One architecture by hand (one "unsat" per obligation):
;   dotnet run --project src/Conformance.Cli -- prove --emit models/zero-growth.smt2 --arch 64be | z3 -in
; The shared helpers are in prelude.smt2; conventions and how to add an obligation: models/README.md.

; ===================== oracle predicates =====================

(define-fun max4096 ((size (_ BitVec 64))) (_ BitVec 64)
  (ite (bvuge size #x0000000000001000) size #x0000000000001000))

; ZV-004: a run-time type of at most 1024 bytes is handed the static zero (never reported absent) and leaves
; the buffer (size) as it was.
(define-fun ZV-004.ok ((size (_ BitVec 64)) (absent Bool) (zero (_ BitVec 64)) (staticbase (_ BitVec 64)) (priorbuf (_ BitVec 64)) (postbuf (_ BitVec 64))) Bool
  (=> (bvule size #x0000000000000400)
      (and (not absent) (= zero staticbase) (= postbuf priorbuf))))
; Expected values for reports: the static zero's start, not absent, the buffer as it was.
(define-fun ZV-004.expect.zero ((staticbase (_ BitVec 64))) (_ BitVec 64)
  staticbase)
(define-fun ZV-004.expect.absent () Bool
  false)
(define-fun ZV-004.expect.postbuf ((priorbuf (_ BitVec 64))) (_ BitVec 64)
  priorbuf)

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
; Expected buffer size after a type of size for reports: the buffer as it was when it holds the type, else the
; smallest power of two at least max(size, 4096) (the doubling from 4096 ends there; 0 past the overflow edge).
(define-fun pow2-ceiling ((x (_ BitVec 64))) (_ BitVec 64)
  (let ((a (bvsub x #x0000000000000001)))
  (let ((b (bvor a (bvlshr a #x0000000000000001))))
  (let ((c (bvor b (bvlshr b #x0000000000000002))))
  (let ((d (bvor c (bvlshr c #x0000000000000004))))
  (let ((e (bvor d (bvlshr d #x0000000000000008))))
  (let ((f (bvor e (bvlshr e #x0000000000000010))))
  (let ((g (bvor f (bvlshr f #x0000000000000020))))
    (bvadd g #x0000000000000001)))))))))
(define-fun ZV-005.expect.post ((w (_ BitVec 64)) (size (_ BitVec 64)) (prior (_ BitVec 64))) (_ BitVec 64)
  (ite (bvuge prior size) prior (wrap w (pow2-ceiling (max4096 size)))))
(define-fun ZV-005.expect.zero ((buf (_ BitVec 64))) (_ BitVec 64)
  buf)

; ZV-006: for sizes above 1024, the runtime threw exactly when size > 2^(w-1), then with the message
; "map element too large" (msgok) and no zero pointer set.
(define-fun ZV-006.ok ((w (_ BitVec 64)) (size (_ BitVec 64)) (threw Bool) (msgok Bool) (zero (_ BitVec 64))) Bool
  (=> (bvugt size #x0000000000000400)
      (and (= threw (bvugt size (half-word w)))
           (=> threw (and msgok (= zero #x0000000000000000))))))
; Expected for reports: a throw exactly past 2^(w-1) (sizes above 1024), and then no zero pointer.
(define-fun ZV-006.expect.threw ((w (_ BitVec 64)) (size (_ BitVec 64))) Bool
  (bvugt size (half-word w)))
; and, where it throws, with Go's message.
(define-fun ZV-006.expect.msgok ((w (_ BitVec 64)) (size (_ BitVec 64))) Bool
  (bvugt size (half-word w)))

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
           (ZV-004.ok size false (ite (mapzero-small size) staticbase buf) staticbase prior
                      (ite (mapzero-small size) prior post)))))

; gc's design (Go 1.6-1.23): no zero pointer, no buffer; a missing-key lookup of a run-time type of at most 1024
; bytes is mapaccess1's &zeroVal[0]; above that reflect reports the key absent (zero-lookup.smt2, gc-lookup).
(define-fun gc-small-lookup ((size (_ BitVec 64)) (staticbase (_ BitVec 64))) (_ BitVec 64)
  (ite (bvule size #x0000000000000400) staticbase #x0000000000000000))
(define-fun claim.ZV-004.gc ((w (_ BitVec 64)) (size (_ BitVec 64)) (staticbase (_ BitVec 64))) Bool
  (=> (fits w size)
      (ZV-004.ok size (bvugt size #x0000000000000400) (gc-small-lookup size staticbase) staticbase #x0000000000000000 #x0000000000000000)))

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

; ===================== constants =====================
; What the obligations below quantify over: a counterexample lists the ones its obligation uses,
; in this order.
(declare-const size (_ BitVec 64))
(declare-const prior (_ BitVec 64))
(declare-const post (_ BitVec 64))
(declare-const staticbase (_ BitVec 64))
(declare-const s (_ BitVec 64))
(declare-const buf (_ BitVec 64))

; ===================== obligations =====================

(push 1)
(set-info :obligation "ZV-004/static-zero")
(set-info :requirement "ZV-004")
(set-info :statement "sizes <= 1024, and only they, take the static zero and leave the buffer unchanged")
(set-info :status unsat)
(assert (not (claim.ZV-004 W size prior post staticbase buf)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-004/gc-static-zero")
(set-info :requirement "ZV-004")
(set-info :statement "in gc's design a run-time type of at most 1024 bytes is handed the static zero and nothing grows")
(set-info :status unsat)
(assert (not (claim.ZV-004.gc W size staticbase)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/loop-init")
(set-info :requirement "ZV-005")
(set-info :statement "from every reachable buffer state that must grow, the first loop size satisfies the loop invariant")
(set-info :status unsat)
(assert (not (claim.ZV-005.init W size prior)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/loop-step")
(set-info :requirement "ZV-005")
(set-info :statement "a doubling that does not throw keeps the loop invariant and strictly grows the size (termination)")
(set-info :status unsat)
(assert (not (claim.ZV-005.step W size s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/loop-exit")
(set-info :requirement "ZV-005")
(set-info :statement "when the loop ends the buffer is a power of two, >= 4096, >= size, < 2*max(size,4096), and the type points at it")
(set-info :status unsat)
(assert (not (claim.ZV-005.exit W size prior s buf)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-005/no-growth")
(set-info :requirement "ZV-005")
(set-info :statement "a buffer already large enough is shared as is")
(set-info :status unsat)
(assert (not (claim.ZV-005.no-growth W size prior buf)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-006/overflow-throws")
(set-info :requirement "ZV-006")
(set-info :statement "the doubling throws exactly for sizes > 2^(w-1), never wraps silently, and then sets no zero pointer")
(set-info :status unsat)
(assert (not (claim.ZV-006 W size s)))
(check-sat)
(pop 1)
