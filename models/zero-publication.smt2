; zero-publication.smt2: ZV-002 (zero set when the first map is made), ZV-003 (never changes once set),
; ZV-008 (older buffers stay valid), ZV-016 (a published zero is large enough), ZV-011 (safe publication under
; concurrency). Two threads run the seed's mapzero step by step in any interleaving (fast-path atomic
; load, size check, lock, check, doubling, allocate, publish, unlock) on two types; an inductive
; invariant shows that no reachable state has a type pointing at a zero smaller than the type or not yet
; allocated.
; Each obligation is stated once, over W (the word size in bits) and BE (big-endian); the prover
; instantiates it for each architecture. One architecture by hand (one "unsat" per obligation):
;   dotnet run --project src/Conformance.Cli -- prove --emit models/zero-publication.smt2 --arch 64be | z3 -in
; The shared helpers are in prelude.smt2; conventions and how to add an obligation: models/README.md.

; ===================== oracle predicates =====================

; ZV-002: making a map left the element type's zero pointer set (kept if it was set); any other
; operation left it as it was.
(define-fun ZV-002.ok ((ismakemap Bool) (before (_ BitVec 64)) (after (_ BitVec 64))) Bool
  (ite ismakemap
       (and (distinct after #x0000000000000000)
            (=> (distinct before #x0000000000000000) (= after before)))
       (= after before)))

; ZV-003: a set zero pointer never changes.
(define-fun ZV-003.ok ((before (_ BitVec 64)) (after (_ BitVec 64))) Bool
  (=> (distinct before #x0000000000000000) (= after before)))
(define-fun ZV-003.expect.after ((before (_ BitVec 64))) (_ BitVec 64)
  before)

; ZV-008: across a growth of the buffer, a type's zero pointer is kept, and the older buffer it points
; at is still readable and all zero (oldzero).
(define-fun ZV-008.ok ((before (_ BitVec 64)) (after (_ BitVec 64)) (oldzero Bool)) Bool
  (and (ZV-003.ok before after) oldzero))
; Expected for reports: the pointer kept, the older buffer still readable and all zero.
(define-fun ZV-008.expect.after ((before (_ BitVec 64))) (_ BitVec 64)
  before)
(define-fun ZV-008.expect.oldzero () Bool
  true)

; ZV-016's coverage part: ptr points into the zero region [rbase, +rsize) with at least size bytes left;
; overflow-free. (ZV-016.ok, the oracle's predicate, is in zero-lookup.smt2; a zero published here is all zero by
; the readiness flag, which zero-never-written.smt2 keeps true.)
(define-fun zero-covers ((ptr (_ BitVec 64)) (size (_ BitVec 64)) (rbase (_ BitVec 64)) (rsize (_ BitVec 64))) Bool
  (and (bvuge ptr rbase) (bvule (bvsub ptr rbase) rsize)
       (bvule size (bvsub rsize (bvsub ptr rbase)))))

; ZV-011: two threads' sightings of one type's zero pointer (p, q), each with whether the memory there
; was allocated, zero and large enough when that thread read it: the same pointer, not nil, ready.
(define-fun ZV-011.ok ((p (_ BitVec 64)) (readyp Bool) (q (_ BitVec 64)) (readyq Bool)) Bool
  (and (distinct p #x0000000000000000) (= p q) readyp readyq))
; Expected for reports: the second thread sees the first one's pointer, and both see a ready zero.
(define-fun ZV-011.expect.q ((p (_ BitVec 64))) (_ BitVec 64)
  p)
(define-fun ZV-011.expect.readyp () Bool
  true)
(define-fun ZV-011.expect.readyq () Bool
  true)

; ===================== the seed's algorithm, step by step =====================
; Program counters of one call of mapzero(t):
;  0 fast path: z := atomicload(&t.zero); z != nil -> 8 (done), else 1
;  1 size check: t.size <= 1024 -> atomicstore(&t.zero, &zerotiny[0]), 8; else 2
;  2 lock(&zerobuf.lock): 3 once the lock is free
;  3 under the lock: t.zero set meanwhile? -> 7 (see recheck); zerobuf.size < t.size -> (0 -> 4096), 4; else 6
;  4 loop: zerobuf.size < t.size -> size *= 2 (0 -> throw: 9), stay; else 5
;  5 zerobuf.p = persistentalloc(zerobuf.size, 64): a new zeroed region
;  6 atomicstorep(&t.zero, zerobuf.p)
;  7 unlock -> 8
;  8 done; the thread may call mapzero again, on either type -> 0
;  9 thrown "map element too large" (fatal: the thread stops, holding the lock)
;
; DIVERGENCE FROM THE SEED (recheck): the seed does not look at t.zero again under the lock. Then
; two threads break ZV-003 and ZV-011: T1 loads nil for type A and waits for the lock; T2 makes a map
; of A (A.zero = p1, buffer 8192), then of a larger B (buffer grows, p2); T1 takes the lock, finds
; the buffer large enough and stores p2: A.zero changes from p1 to p2, and T2 saw p1, T1 p2. Both
; zeros are valid memory, but the spec requires one pointer that never changes, so the model (and a
; conforming runtime) checks t.zero again under the lock. The non-vacuity tests seed the seed's
; version back (recheck -> false) and get that counterexample.
(define-fun recheck ((z (_ BitVec 64))) Bool
  (distinct z #x0000000000000000))
; where the loop goes when it ends: 5, allocate (then 6, publish)
(define-fun loop-exit-pc () (_ BitVec 64)
  #x0000000000000005)
; the buffer a published type points at after the allocation (persistentalloc never frees: an older
; buffer stays allocated and zero, so a type pointing at it stays ready)
(define-fun stays-ready ((ready Bool) (z (_ BitVec 64)) (oldbp (_ BitVec 64))) Bool
  ready)

(define-fun sel ((ty Bool) (a (_ BitVec 64)) (b (_ BitVec 64))) (_ BitVec 64)
  (ite ty b a))
(define-fun pc-in ((pc (_ BitVec 64)) (lo (_ BitVec 64)) (hi (_ BitVec 64))) Bool
  (and (bvule lo pc) (bvule pc hi)))
(define-fun holds-lock-pc ((pc (_ BitVec 64))) Bool
  (or (pc-in pc #x0000000000000003 #x0000000000000007) (= pc #x0000000000000009)))

; One thread's part of the invariant (m: this thread; the other thread's part is the same with roles
; swapped). lk: this thread holds the lock.
(define-fun thread-inv ((w (_ BitVec 64)) (pc (_ BitVec 64)) (ty Bool) (seen (_ BitVec 64)) (lk Bool) (zA (_ BitVec 64)) (zB (_ BitVec 64)) (sA (_ BitVec 64)) (sB (_ BitVec 64)) (bp (_ BitVec 64)) (bs (_ BitVec 64)) (bal (_ BitVec 64))) Bool
  (let ((z (sel ty zA zB)) (s (sel ty sA sB)))
    (and (bvule pc #x0000000000000009)
         (= lk (holds-lock-pc pc))
         (=> (or (pc-in pc #x0000000000000002 #x0000000000000007) (= pc #x0000000000000009)) (bvugt s #x0000000000000400))
         (=> (pc-in pc #x0000000000000004 #x0000000000000006) (= z #x0000000000000000))
         (=> (= pc #x0000000000000004) (and (pow2 bs) (fits w bs) (bvuge bs #x0000000000001000) (bvuge bs bal)))
         (=> (= pc #x0000000000000005) (and (pow2 bs) (fits w bs) (bvuge bs #x0000000000001000) (bvuge bs s)))
         (=> (= pc #x0000000000000006) (and (distinct bp #x0000000000000000) (bvuge bal s) (= bs bal)))
         (=> (pc-in pc #x0000000000000007 #x0000000000000008) (and (= seen z) (distinct z #x0000000000000000)))
         (=> (= pc #x0000000000000009) (bvugt s (half-word w))))))

; One type's part: a set zero pointer is ready and large enough; a small type's is the static zero.
(define-fun type-inv ((z (_ BitVec 64)) (s (_ BitVec 64)) (zsz (_ BitVec 64)) (rdy Bool) (zs (_ BitVec 64))) Bool
  (and (=> (distinct z #x0000000000000000) (and rdy (bvuge zsz s)))
       (=> (and (distinct z #x0000000000000000) (bvule s #x0000000000000400)) (= z zs))))

(define-fun inv ((w (_ BitVec 64)) (zs (_ BitVec 64)) (zA (_ BitVec 64)) (zB (_ BitVec 64)) (sA (_ BitVec 64)) (sB (_ BitVec 64)) (zszA (_ BitVec 64)) (zszB (_ BitVec 64)) (rdyA Bool) (rdyB Bool) (bp (_ BitVec 64)) (bs (_ BitVec 64)) (bal (_ BitVec 64)) (pcm (_ BitVec 64)) (tym Bool) (seenm (_ BitVec 64)) (lkm Bool) (pco (_ BitVec 64)) (tyo Bool) (seeno (_ BitVec 64)) (lko Bool)) Bool
  (and (distinct zs #x0000000000000000) (fits w sA) (fits w sB)
       (not (and lkm lko))
       (type-inv zA sA zszA rdyA zs) (type-inv zB sB zszB rdyB zs)
       (= (= bp #x0000000000000000) (= bal #x0000000000000000))
       (or (= bal #x0000000000000000) (and (pow2 bal) (fits w bal) (bvuge bal #x0000000000001000)))
       ; outside the growth (and a thrown thread's dead state) the recorded size is the allocated one
       (=> (not (or (and lkm (or (pc-in pcm #x0000000000000004 #x0000000000000005) (= pcm #x0000000000000009)))
                    (and lko (or (pc-in pco #x0000000000000004 #x0000000000000005) (= pco #x0000000000000009)))))
           (= bs bal))
       (thread-inv w pcm tym seenm lkm zA zB sA sB bp bs bal)
       (thread-inv w pco tyo seeno lko zA zB sA sB bp bs bal)))

; One step of thread m (by symmetry of inv, a step of the other thread is the same with roles
; swapped, so proving m's steps proves both). fresh: persistentalloc's new region (not nil, not the
; static zero); nty: the type of m's next call. Each next-state component is one function.
(define-fun m-z ((pc (_ BitVec 64)) (ty Bool) (me Bool) (z (_ BitVec 64)) (s (_ BitVec 64)) (bp (_ BitVec 64)) (zs (_ BitVec 64))) (_ BitVec 64)
  ; me: the type of this component is m's type
  (ite (and me (= pc #x0000000000000001) (bvule s #x0000000000000400)) zs
  (ite (and me (= pc #x0000000000000006)) bp
       z)))
(define-fun m-zsz ((pc (_ BitVec 64)) (me Bool) (zsz (_ BitVec 64)) (s (_ BitVec 64)) (bal (_ BitVec 64))) (_ BitVec 64)
  (ite (and me (= pc #x0000000000000001) (bvule s #x0000000000000400)) #x0000000000000400
  (ite (and me (= pc #x0000000000000006)) bal
       zsz)))
(define-fun m-rdy ((pc (_ BitVec 64)) (me Bool) (rdy Bool) (s (_ BitVec 64)) (z (_ BitVec 64)) (bp (_ BitVec 64))) Bool
  (ite (and me (= pc #x0000000000000001) (bvule s #x0000000000000400)) true
  (ite (and me (= pc #x0000000000000006)) true
  (ite (= pc #x0000000000000005) (stays-ready rdy z bp)
       rdy))))
(define-fun m-bs ((w (_ BitVec 64)) (pc (_ BitVec 64)) (z (_ BitVec 64)) (s (_ BitVec 64)) (bs (_ BitVec 64))) (_ BitVec 64)
  (ite (and (= pc #x0000000000000003) (not (recheck z)) (bvult bs s))
       (ite (= bs #x0000000000000000) #x0000000000001000 bs)
  (ite (and (= pc #x0000000000000004) (bvult bs s)) (wrap w (bvmul #x0000000000000002 bs))
       bs)))
(define-fun m-bp ((pc (_ BitVec 64)) (bp (_ BitVec 64)) (fresh (_ BitVec 64))) (_ BitVec 64)
  (ite (= pc #x0000000000000005) fresh bp))
(define-fun m-bal ((pc (_ BitVec 64)) (bal (_ BitVec 64)) (bs (_ BitVec 64))) (_ BitVec 64)
  (ite (= pc #x0000000000000005) bs bal))
(define-fun m-pc ((w (_ BitVec 64)) (pc (_ BitVec 64)) (z (_ BitVec 64)) (s (_ BitVec 64)) (bs (_ BitVec 64)) (lko Bool)) (_ BitVec 64)
  (ite (= pc #x0000000000000000) (ite (distinct z #x0000000000000000) #x0000000000000008 #x0000000000000001)
  (ite (= pc #x0000000000000001) (ite (bvule s #x0000000000000400) #x0000000000000008 #x0000000000000002)
  (ite (= pc #x0000000000000002) (ite lko #x0000000000000002 #x0000000000000003)
  (ite (= pc #x0000000000000003) (ite (recheck z) #x0000000000000007 (ite (bvult bs s) #x0000000000000004 #x0000000000000006))
  (ite (= pc #x0000000000000004) (ite (bvult bs s)
                                      (ite (= (wrap w (bvmul #x0000000000000002 bs)) #x0000000000000000) #x0000000000000009 #x0000000000000004)
                                      loop-exit-pc)
  (ite (= pc #x0000000000000005) #x0000000000000006
  (ite (= pc #x0000000000000006) #x0000000000000007
  (ite (= pc #x0000000000000007) #x0000000000000008
  (ite (= pc #x0000000000000008) #x0000000000000000
       pc))))))))))
(define-fun m-lk ((pc (_ BitVec 64)) (lk Bool) (lko Bool)) Bool
  (ite (and (= pc #x0000000000000002) (not lko)) true
  (ite (= pc #x0000000000000007) false
       lk)))
(define-fun m-seen ((pc (_ BitVec 64)) (z (_ BitVec 64)) (s (_ BitVec 64)) (seen (_ BitVec 64)) (bp (_ BitVec 64)) (zs (_ BitVec 64))) (_ BitVec 64)
  (ite (and (= pc #x0000000000000000) (distinct z #x0000000000000000)) z
  (ite (and (= pc #x0000000000000001) (bvule s #x0000000000000400)) zs
  (ite (and (= pc #x0000000000000003) (recheck z)) z
  (ite (= pc #x0000000000000006) bp
       seen)))))
(define-fun m-ty ((pc (_ BitVec 64)) (ty Bool) (nty Bool)) Bool
  (ite (= pc #x0000000000000008) nty ty))
(define-fun fresh-ok ((fresh (_ BitVec 64)) (zs (_ BitVec 64))) Bool
  (and (distinct fresh #x0000000000000000) (distinct fresh zs)))

; ===================== claims =====================
; The post-state is a second set of constants tied to the pre-state by step (a relation, not nested
; calls: z3 expands define-funs eagerly, and next-state terms nested in inv made it hang).

(define-fun step ((w (_ BitVec 64)) (zs (_ BitVec 64)) (zA (_ BitVec 64)) (zB (_ BitVec 64)) (sA (_ BitVec 64)) (sB (_ BitVec 64)) (zszA (_ BitVec 64)) (zszB (_ BitVec 64)) (rdyA Bool) (rdyB Bool) (bp (_ BitVec 64)) (bs (_ BitVec 64)) (bal (_ BitVec 64)) (pcm (_ BitVec 64)) (tym Bool) (seenm (_ BitVec 64)) (lkm Bool) (pco (_ BitVec 64)) (tyo Bool) (seeno (_ BitVec 64)) (lko Bool) (zA2 (_ BitVec 64)) (zB2 (_ BitVec 64)) (zszA2 (_ BitVec 64)) (zszB2 (_ BitVec 64)) (rdyA2 Bool) (rdyB2 Bool) (bp2 (_ BitVec 64)) (bs2 (_ BitVec 64)) (bal2 (_ BitVec 64)) (pcm2 (_ BitVec 64)) (tym2 Bool) (seenm2 (_ BitVec 64)) (lkm2 Bool) (fresh (_ BitVec 64)) (nty Bool) (z (_ BitVec 64)) (s (_ BitVec 64))) Bool
  (and (= z (sel tym zA zB)) (= s (sel tym sA sB))
       (and (fresh-ok fresh zs)
         (= zA2 (m-z pcm tym (not tym) zA s bp zs)) (= zB2 (m-z pcm tym tym zB s bp zs))
         (= zszA2 (m-zsz pcm (not tym) zszA s bal)) (= zszB2 (m-zsz pcm tym zszB s bal))
         (= rdyA2 (m-rdy pcm (not tym) rdyA s zA bp)) (= rdyB2 (m-rdy pcm tym rdyB s zB bp))
         (= bp2 (m-bp pcm bp fresh)) (= bs2 (m-bs w pcm z s bs)) (= bal2 (m-bal pcm bal bs))
         (= pcm2 (m-pc w pcm z s bs lko)) (= tym2 (m-ty pcm tym nty))
         (= seenm2 (m-seen pcm z s seenm bp zs)) (= lkm2 (m-lk pcm lkm lko)))))

(define-fun step-inv-claim ((w (_ BitVec 64)) (zs (_ BitVec 64)) (zA (_ BitVec 64)) (zB (_ BitVec 64)) (sA (_ BitVec 64)) (sB (_ BitVec 64)) (zszA (_ BitVec 64)) (zszB (_ BitVec 64)) (rdyA Bool) (rdyB Bool) (bp (_ BitVec 64)) (bs (_ BitVec 64)) (bal (_ BitVec 64)) (pcm (_ BitVec 64)) (tym Bool) (seenm (_ BitVec 64)) (lkm Bool) (pco (_ BitVec 64)) (tyo Bool) (seeno (_ BitVec 64)) (lko Bool) (zA2 (_ BitVec 64)) (zB2 (_ BitVec 64)) (zszA2 (_ BitVec 64)) (zszB2 (_ BitVec 64)) (rdyA2 Bool) (rdyB2 Bool) (bp2 (_ BitVec 64)) (bs2 (_ BitVec 64)) (bal2 (_ BitVec 64)) (pcm2 (_ BitVec 64)) (tym2 Bool) (seenm2 (_ BitVec 64)) (lkm2 Bool) (fresh (_ BitVec 64)) (nty Bool) (z (_ BitVec 64)) (s (_ BitVec 64))) Bool
  (=> (and (inv w zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal pcm tym seenm lkm pco tyo seeno lko) (step w zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal pcm tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s))
      (inv w zs zA2 zB2 sA sB zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 pco tyo seeno lko)))

(define-fun claim.ZV-002 ((w (_ BitVec 64)) (zs (_ BitVec 64)) (zA (_ BitVec 64)) (zB (_ BitVec 64)) (sA (_ BitVec 64)) (sB (_ BitVec 64)) (zszA (_ BitVec 64)) (zszB (_ BitVec 64)) (rdyA Bool) (rdyB Bool) (bp (_ BitVec 64)) (bs (_ BitVec 64)) (bal (_ BitVec 64)) (pcm (_ BitVec 64)) (tym Bool) (seenm (_ BitVec 64)) (lkm Bool) (pco (_ BitVec 64)) (tyo Bool) (seeno (_ BitVec 64)) (lko Bool) (zA2 (_ BitVec 64)) (zB2 (_ BitVec 64)) (zszA2 (_ BitVec 64)) (zszB2 (_ BitVec 64)) (rdyA2 Bool) (rdyB2 Bool) (bp2 (_ BitVec 64)) (bs2 (_ BitVec 64)) (bal2 (_ BitVec 64)) (pcm2 (_ BitVec 64)) (tym2 Bool) (seenm2 (_ BitVec 64)) (lkm2 Bool) (fresh (_ BitVec 64)) (nty Bool) (z (_ BitVec 64)) (s (_ BitVec 64))) Bool
  (=> (and (inv w zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal pcm tym seenm lkm pco tyo seeno lko) (step w zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal pcm tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s))
      (and ; a call of mapzero (makemap) that completes leaves its type's zero set
           (=> (and (distinct pcm #x0000000000000008) (= pcm2 #x0000000000000008))
               (ZV-002.ok true (sel tym zA zB) (sel tym zA2 zB2)))
           ; and sets no other type's zero
           (ZV-002.ok false (sel tym zB zA) (sel tym zB2 zA2)))))

(define-fun claim.ZV-003 ((w (_ BitVec 64)) (zs (_ BitVec 64)) (zA (_ BitVec 64)) (zB (_ BitVec 64)) (sA (_ BitVec 64)) (sB (_ BitVec 64)) (zszA (_ BitVec 64)) (zszB (_ BitVec 64)) (rdyA Bool) (rdyB Bool) (bp (_ BitVec 64)) (bs (_ BitVec 64)) (bal (_ BitVec 64)) (pcm (_ BitVec 64)) (tym Bool) (seenm (_ BitVec 64)) (lkm Bool) (pco (_ BitVec 64)) (tyo Bool) (seeno (_ BitVec 64)) (lko Bool) (zA2 (_ BitVec 64)) (zB2 (_ BitVec 64)) (zszA2 (_ BitVec 64)) (zszB2 (_ BitVec 64)) (rdyA2 Bool) (rdyB2 Bool) (bp2 (_ BitVec 64)) (bs2 (_ BitVec 64)) (bal2 (_ BitVec 64)) (pcm2 (_ BitVec 64)) (tym2 Bool) (seenm2 (_ BitVec 64)) (lkm2 Bool) (fresh (_ BitVec 64)) (nty Bool) (z (_ BitVec 64)) (s (_ BitVec 64))) Bool
  (=> (and (inv w zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal pcm tym seenm lkm pco tyo seeno lko) (step w zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal pcm tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s))
      (and (ZV-003.ok zA zA2) (ZV-003.ok zB zB2))))

(define-fun claim.ZV-008 ((w (_ BitVec 64)) (zs (_ BitVec 64)) (zA (_ BitVec 64)) (zB (_ BitVec 64)) (sA (_ BitVec 64)) (sB (_ BitVec 64)) (zszA (_ BitVec 64)) (zszB (_ BitVec 64)) (rdyA Bool) (rdyB Bool) (bp (_ BitVec 64)) (bs (_ BitVec 64)) (bal (_ BitVec 64)) (pcm (_ BitVec 64)) (tym Bool) (seenm (_ BitVec 64)) (lkm Bool) (pco (_ BitVec 64)) (tyo Bool) (seeno (_ BitVec 64)) (lko Bool) (zA2 (_ BitVec 64)) (zB2 (_ BitVec 64)) (zszA2 (_ BitVec 64)) (zszB2 (_ BitVec 64)) (rdyA2 Bool) (rdyB2 Bool) (bp2 (_ BitVec 64)) (bs2 (_ BitVec 64)) (bal2 (_ BitVec 64)) (pcm2 (_ BitVec 64)) (tym2 Bool) (seenm2 (_ BitVec 64)) (lkm2 Bool) (fresh (_ BitVec 64)) (nty Bool) (z (_ BitVec 64)) (s (_ BitVec 64))) Bool
  (=> (and (inv w zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal pcm tym seenm lkm pco tyo seeno lko) (step w zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal pcm tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s) (= pcm #x0000000000000005))
      (and (=> (and (distinct zA #x0000000000000000) (distinct zA zs)) (ZV-008.ok zA zA2 rdyA2))
           (=> (and (distinct zB #x0000000000000000) (distinct zB zs)) (ZV-008.ok zB zB2 rdyB2)))))

(define-fun claim.ZV-016.published ((w (_ BitVec 64)) (zs (_ BitVec 64)) (zA (_ BitVec 64)) (zB (_ BitVec 64)) (sA (_ BitVec 64)) (sB (_ BitVec 64)) (zszA (_ BitVec 64)) (zszB (_ BitVec 64)) (rdyA Bool) (rdyB Bool) (bp (_ BitVec 64)) (bs (_ BitVec 64)) (bal (_ BitVec 64)) (pcm (_ BitVec 64)) (tym Bool) (seenm (_ BitVec 64)) (lkm Bool) (pco (_ BitVec 64)) (tyo Bool) (seeno (_ BitVec 64)) (lko Bool)) Bool
  (=> (inv w zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal pcm tym seenm lkm pco tyo seeno lko)
      (and (=> (distinct zA #x0000000000000000) (and rdyA (zero-covers zA sA zA zszA)))
           (=> (distinct zB #x0000000000000000) (and rdyB (zero-covers zB sB zB zszB))))))

(define-fun claim.ZV-011 ((w (_ BitVec 64)) (zs (_ BitVec 64)) (zA (_ BitVec 64)) (zB (_ BitVec 64)) (sA (_ BitVec 64)) (sB (_ BitVec 64)) (zszA (_ BitVec 64)) (zszB (_ BitVec 64)) (rdyA Bool) (rdyB Bool) (bp (_ BitVec 64)) (bs (_ BitVec 64)) (bal (_ BitVec 64)) (pcm (_ BitVec 64)) (tym Bool) (seenm (_ BitVec 64)) (lkm Bool) (pco (_ BitVec 64)) (tyo Bool) (seeno (_ BitVec 64)) (lko Bool)) Bool
  (=> (and (inv w zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal pcm tym seenm lkm pco tyo seeno lko)
           (pc-in pcm #x0000000000000007 #x0000000000000008) (pc-in pco #x0000000000000007 #x0000000000000008)
           (= tym tyo))
      (let ((rdy (ite tym rdyB rdyA)))
        (ZV-011.ok seenm rdy seeno rdy))))

; Start: no zero set, no buffer, both threads about to call mapzero, nobody holds the lock.
(define-fun claim.ZV-011.init ((w (_ BitVec 64)) (zs (_ BitVec 64)) (sA (_ BitVec 64)) (sB (_ BitVec 64)) (zszA (_ BitVec 64)) (zszB (_ BitVec 64)) (rdyA Bool) (rdyB Bool) (tym Bool) (seenm (_ BitVec 64)) (tyo Bool) (seeno (_ BitVec 64))) Bool
  (=> (and (distinct zs #x0000000000000000) (fits w sA) (fits w sB))
      (inv w zs #x0000000000000000 #x0000000000000000 sA sB zszA zszB rdyA rdyB
           #x0000000000000000 #x0000000000000000 #x0000000000000000
           #x0000000000000000 tym seenm false #x0000000000000000 tyo seeno false)))

; ===================== constants =====================
; What the obligations below quantify over: a counterexample lists the ones its obligation uses,
; in this order.
(declare-const zs (_ BitVec 64))
(declare-const zA (_ BitVec 64))
(declare-const zB (_ BitVec 64))
(declare-const sA (_ BitVec 64))
(declare-const sB (_ BitVec 64))
(declare-const zszA (_ BitVec 64))
(declare-const zszB (_ BitVec 64))
(declare-const rdyA Bool)
(declare-const rdyB Bool)
(declare-const bp (_ BitVec 64))
(declare-const bs (_ BitVec 64))
(declare-const bal (_ BitVec 64))
(declare-const pcm (_ BitVec 64))
(declare-const tym Bool)
(declare-const seenm (_ BitVec 64))
(declare-const lkm Bool)
(declare-const pco (_ BitVec 64))
(declare-const tyo Bool)
(declare-const seeno (_ BitVec 64))
(declare-const lko Bool)
(declare-const zA2 (_ BitVec 64))
(declare-const zB2 (_ BitVec 64))
(declare-const zszA2 (_ BitVec 64))
(declare-const zszB2 (_ BitVec 64))
(declare-const rdyA2 Bool)
(declare-const rdyB2 Bool)
(declare-const bp2 (_ BitVec 64))
(declare-const bs2 (_ BitVec 64))
(declare-const bal2 (_ BitVec 64))
(declare-const pcm2 (_ BitVec 64))
(declare-const tym2 Bool)
(declare-const seenm2 (_ BitVec 64))
(declare-const lkm2 Bool)
(declare-const fresh (_ BitVec 64))
(declare-const nty Bool)
(declare-const z (_ BitVec 64))
(declare-const s (_ BitVec 64))

; ===================== obligations =====================
; The inductive step is split by the program counter of the moving thread (pcm is a literal in each
; block): small queries, and a counterexample names the step.

(push 1)
(set-info :obligation "ZV-011/init")
(set-info :requirement "ZV-011")
(set-info :statement "the initial state (no zero, no buffer, no lock held) satisfies the publication invariant")
(set-info :status unsat)
(assert (not (claim.ZV-011.init W zs sA sB zszA zszB rdyA rdyB tym seenm tyo seeno)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-011/step-fast-path")
(set-info :requirement "ZV-011 ZV-016")
(set-info :statement "a fast-path step of either thread, in any interleaving, keeps the publication invariant")
(set-info :status unsat)
(assert (not (step-inv-claim W zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal #x0000000000000000 tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-011/step-size-check")
(set-info :requirement "ZV-011 ZV-016")
(set-info :statement "a size-check step of either thread, in any interleaving, keeps the publication invariant")
(set-info :status unsat)
(assert (not (step-inv-claim W zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal #x0000000000000001 tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-011/step-lock")
(set-info :requirement "ZV-011 ZV-016")
(set-info :statement "a lock step of either thread, in any interleaving, keeps the publication invariant")
(set-info :status unsat)
(assert (not (step-inv-claim W zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal #x0000000000000002 tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-011/step-check-under-lock")
(set-info :requirement "ZV-011 ZV-016")
(set-info :statement "a check-under-lock step of either thread, in any interleaving, keeps the publication invariant")
(set-info :status unsat)
(assert (not (step-inv-claim W zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal #x0000000000000003 tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-011/step-doubling")
(set-info :requirement "ZV-011 ZV-016")
(set-info :statement "a doubling step of either thread, in any interleaving, keeps the publication invariant")
(set-info :status unsat)
(assert (not (step-inv-claim W zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal #x0000000000000004 tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-011/step-allocate")
(set-info :requirement "ZV-011 ZV-016")
(set-info :statement "a allocate step of either thread, in any interleaving, keeps the publication invariant")
(set-info :status unsat)
(assert (not (step-inv-claim W zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal #x0000000000000005 tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-011/step-publish")
(set-info :requirement "ZV-011 ZV-016")
(set-info :statement "a publish step of either thread, in any interleaving, keeps the publication invariant")
(set-info :status unsat)
(assert (not (step-inv-claim W zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal #x0000000000000006 tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-011/step-unlock")
(set-info :requirement "ZV-011 ZV-016")
(set-info :statement "a unlock step of either thread, in any interleaving, keeps the publication invariant")
(set-info :status unsat)
(assert (not (step-inv-claim W zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal #x0000000000000007 tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-011/step-restart")
(set-info :requirement "ZV-011 ZV-016")
(set-info :statement "a restart step of either thread, in any interleaving, keeps the publication invariant")
(set-info :status unsat)
(assert (not (step-inv-claim W zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal #x0000000000000008 tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-011/step-thrown")
(set-info :requirement "ZV-011 ZV-016")
(set-info :statement "a thrown step of either thread, in any interleaving, keeps the publication invariant")
(set-info :status unsat)
(assert (not (step-inv-claim W zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal #x0000000000000009 tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-011/same-pointer")
(set-info :requirement "ZV-011")
(set-info :statement "two threads done with one type saw the same pointer, not nil, to a ready zero")
(set-info :status unsat)
(assert (not (claim.ZV-011 W zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal pcm tym seenm lkm pco tyo seeno lko)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-016/published-zero-covers")
(set-info :requirement "ZV-016")
(set-info :statement "in every reachable state a set zero pointer (what the seed's lookups hand out) is ready and its region holds the type")
(set-info :status unsat)
(assert (not (claim.ZV-016.published W zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal pcm tym seenm lkm pco tyo seeno lko)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-003/never-changes")
(set-info :requirement "ZV-003")
(set-info :statement "no step of any thread changes a set zero pointer")
(set-info :status unsat)
(assert (not (claim.ZV-003 W zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal pcm tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-002/set-by-makemap")
(set-info :requirement "ZV-002")
(set-info :statement "a completed mapzero (makemap) leaves its type's zero set and sets no other type's")
(set-info :status unsat)
(assert (not (claim.ZV-002 W zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal pcm tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-008/growth-keeps-old")
(set-info :requirement "ZV-008")
(set-info :statement "a growth keeps every type on an older buffer on it, and that buffer stays ready")
(set-info :status unsat)
(assert (not (claim.ZV-008 W zs zA zB sA sB zszA zszB rdyA rdyB bp bs bal pcm tym seenm lkm pco tyo seeno lko zA2 zB2 zszA2 zszB2 rdyA2 rdyB2 bp2 bs2 bal2 pcm2 tym2 seenm2 lkm2 fresh nty z s)))
(check-sat)
(pop 1)
