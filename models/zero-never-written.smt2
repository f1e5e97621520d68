; zero-never-written.smt2: ZV-009 (zero regions never written), SV-007 (the table never written), ZV-015
; (regions pairwise disjoint). Memory is an SMT array from 64-bit addresses to bytes; the runtime's
; operations are transitions over it; an INDUCTIVE invariant (checked at one arbitrary address a, which
; proves it for every address, since no transition reads a zero region to decide what to write there)
; shows the zero regions and the table stay as they started and all regions stay pairwise disjoint.
; Each obligation is stated once, over W (the word size in bits) and BE (big-endian); the prover
; instantiates it for each architecture. One architecture by hand (one "unsat" per obligation):
;   dotnet run --project src/Conformance.Cli -- prove --emit models/zero-never-written.smt2 --arch 64be | z3 -in
; The shared helpers are in prelude.smt2; conventions and how to add an obligation: models/README.md.

; ===================== oracle predicates =====================

; ZV-009: the number of non-zero bytes seen in the zero regions (all of them, read back whole).
(define-fun ZV-009.ok ((nonzerobytes (_ BitVec 64))) Bool
  (= nonzerobytes #x0000000000000000))
(define-fun ZV-009.expect.nonzerobytes () (_ BitVec 64)
  #x0000000000000000)

; SV-007: after any sequence of operations, slot v still holds v in byte order be.
(define-fun SV-007.ok ((be Bool) (v (_ BitVec 64)) (raw (_ BitVec 64))) Bool
  (and (bvult v #x0000000000000100) (= (load-bytes be raw #x0000000000000000 #x0000000000000008) v)))
; The slot's bytes SV-007 expects (as loaded), in address order.
(define-fun SV-007.expect.raw ((be Bool) (v (_ BitVec 64))) (_ BitVec 64)
  (slot-raw be v))

;  ===================== the state =====================
; Internally a region is [lo, hi] with INCLUSIVE end hi (lo <= hi: never empty, so it never needs an
; end address of 2^64), so that membership and disjointness are comparisons, not sums: the solver
; proves them in milliseconds. ZV-015/encoding proves this agrees with ZV-015.ok's (base, length).
; Regions: the table [tb, tl], the static zero [zs, zl], the compiler's zero [cz, cl], the current
; buffer [bp, bl] (present once bx), one older buffer [ob, ol] (present once ox, live while ol?; any
; older buffer: growth chooses which one is tracked, so the invariant covers them all), and one heap
; object [hp, hl] (any of them, chosen the same way): buckets, converted values, anything written.
; disj and r-ok, the tests on such regions, are in prelude.smt2 (zero-memory.smt2 uses them too).
(define-fun in-r ((a (_ BitVec 64)) (lo (_ BitVec 64)) (hi (_ BitVec 64))) Bool
  (and (bvule lo a) (bvule a hi)))

(define-fun zero-region ((a (_ BitVec 64)) (zs (_ BitVec 64)) (zl (_ BitVec 64)) (cz (_ BitVec 64)) (cl (_ BitVec 64)) (bx Bool) (bp (_ BitVec 64)) (bl (_ BitVec 64)) (ox Bool) (ob (_ BitVec 64)) (ol (_ BitVec 64))) Bool
  (or (in-r a zs zl) (in-r a cz cl) (and bx (in-r a bp bl)) (and ox (in-r a ob ol))))

; The table byte the loader put at address a.
(define-fun table-byte ((be Bool) (tb (_ BitVec 64)) (a (_ BitVec 64))) (_ BitVec 8)
  ((_ extract 7 0) (table-read be tb a #x0000000000000001)))

(define-fun mem-inv-zero ((mem (Array (_ BitVec 64) (_ BitVec 8))) (a (_ BitVec 64)) (zs (_ BitVec 64)) (zl (_ BitVec 64)) (cz (_ BitVec 64)) (cl (_ BitVec 64)) (bx Bool) (bp (_ BitVec 64)) (bl (_ BitVec 64)) (ox Bool) (ob (_ BitVec 64)) (ol (_ BitVec 64))) Bool
  (=> (zero-region a zs zl cz cl bx bp bl ox ob ol) (= (select mem a) #x00)))
(define-fun mem-inv-table ((be Bool) (mem (Array (_ BitVec 64) (_ BitVec 8))) (a (_ BitVec 64)) (tb (_ BitVec 64)) (tl (_ BitVec 64))) Bool
  (=> (in-r a tb tl) (= (select mem a) (table-byte be tb a))))
; The memory invariant is the conjunction; each half is inductive on its own, and each claim below
; assumes only the half it needs (smaller queries).
(define-fun mem-inv ((be Bool) (mem (Array (_ BitVec 64) (_ BitVec 8))) (a (_ BitVec 64)) (tb (_ BitVec 64)) (tl (_ BitVec 64)) (zs (_ BitVec 64)) (zl (_ BitVec 64)) (cz (_ BitVec 64)) (cl (_ BitVec 64)) (bx Bool) (bp (_ BitVec 64)) (bl (_ BitVec 64)) (ox Bool) (ob (_ BitVec 64)) (ol (_ BitVec 64))) Bool
  (and (mem-inv-zero mem a zs zl cz cl bx bp bl ox ob ol) (mem-inv-table be mem a tb tl)))

(define-fun layout-inv ((w (_ BitVec 64)) (tb (_ BitVec 64)) (tl (_ BitVec 64)) (zs (_ BitVec 64)) (zl (_ BitVec 64)) (cz (_ BitVec 64)) (cl (_ BitVec 64)) (bx Bool) (bp (_ BitVec 64)) (bl (_ BitVec 64)) (ox Bool) (ob (_ BitVec 64)) (ol (_ BitVec 64)) (olive Bool) (hp (_ BitVec 64)) (hl (_ BitVec 64))) Bool
  (and (=> ox olive) (=> ox bx)
       (r-ok w tb tl) (r-ok w zs zl) (r-ok w cz cl) (r-ok w bp bl) (r-ok w ob ol) (r-ok w hp hl)
       (disj tb tl zs zl) (disj tb tl cz cl) (disj tb tl hp hl) (disj zs zl cz cl) (disj zs zl hp hl) (disj cz cl hp hl)
       (=> bx (and (disj tb tl bp bl) (disj zs zl bp bl) (disj cz cl bp bl) (disj bp bl hp hl)))
       (=> ox (and (disj tb tl ob ol) (disj zs zl ob ol) (disj cz cl ob ol) (disj ob ol hp hl) (disj bp bl ob ol)))))

; The allocator's contract: a new region [nb, nl] is in the word and disjoint from every LIVE
; region (a freed one may be handed out again).
(define-fun fresh-region ((w (_ BitVec 64)) (nb (_ BitVec 64)) (nl (_ BitVec 64)) (tb (_ BitVec 64)) (tl (_ BitVec 64)) (zs (_ BitVec 64)) (zl (_ BitVec 64)) (cz (_ BitVec 64)) (cl (_ BitVec 64)) (bx Bool) (bp (_ BitVec 64)) (bl (_ BitVec 64)) (ox Bool) (ob (_ BitVec 64)) (ol (_ BitVec 64)) (olive Bool) (hp (_ BitVec 64)) (hl (_ BitVec 64))) Bool
  (and (r-ok w nb nl)
       (disj tb tl nb nl) (disj zs zl nb nl) (disj cz cl nb nl) (disj nb nl hp hl)
       (=> bx (disj bp bl nb nl)) (=> (and ox olive) (disj ob ol nb nl))))

; ===================== the runtime's operations =====================
; op 0: missing-key lookup returning zp (a zero pointer): reads only.
; op 1: copy of one byte out of a zero (src) into the heap object (x): typedmemmove from t.zero.
; op 2: map assignment: one byte val stored at x in the heap object (a bucket).
; op 3: conversion of a value v >= 256: a new object [nb, nl], a byte val of v stored at x in it
;       (values < 256 point into the table and write nothing: op 0).
; op 4: an allocation: a new heap object [nb, nl], nothing written.
; op 5: buffer growth: persistentalloc's new zeroed buffer [nb, nl] becomes current; the previous
;       one becomes an older buffer (keep = false tracks it, keep = true keeps tracking ob). Never freed.
; op 6: creating a type or a map: no memory written.
(define-fun lookup-mem ((mem (Array (_ BitVec 64) (_ BitVec 8))) (zp (_ BitVec 64))) (Array (_ BitVec 64) (_ BitVec 8))
  mem)
(define-fun conv-store-addr ((x (_ BitVec 64)) (tb (_ BitVec 64)) (v (_ BitVec 64))) (_ BitVec 64)
  x)
(define-fun step-mem ((op (_ BitVec 64)) (mem (Array (_ BitVec 64) (_ BitVec 8))) (x (_ BitVec 64)) (val (_ BitVec 8)) (src (_ BitVec 64)) (zp (_ BitVec 64)) (tb (_ BitVec 64)) (v (_ BitVec 64))) (Array (_ BitVec 64) (_ BitVec 8))
  (ite (= op #x0000000000000000) (lookup-mem mem zp)
  (ite (= op #x0000000000000001) (store mem x (select mem src))
  (ite (= op #x0000000000000002) (store mem x val)
  (ite (= op #x0000000000000003) (store mem (conv-store-addr x tb v) val)
       mem)))))
(define-fun old-live-after-growth ((olive Bool)) Bool
  olive)
;  Preconditions of each operation on its arguments (where the program may point), apart from the
; allocator's contract on the new region.
(define-fun op-args ((op (_ BitVec 64)) (x (_ BitVec 64)) (src (_ BitVec 64)) (zp (_ BitVec 64)) (v (_ BitVec 64)) (nb (_ BitVec 64)) (nl (_ BitVec 64)) (zs (_ BitVec 64)) (zl (_ BitVec 64)) (cz (_ BitVec 64)) (cl (_ BitVec 64)) (bx Bool) (bp (_ BitVec 64)) (bl (_ BitVec 64)) (ox Bool) (ob (_ BitVec 64)) (ol (_ BitVec 64)) (hp (_ BitVec 64)) (hl (_ BitVec 64))) Bool
  (and (bvule op #x0000000000000006)
       (=> (= op #x0000000000000000) (or (= zp zs) (= zp cz) (and bx (= zp bp)) (and ox (= zp ob))))
       (=> (= op #x0000000000000001) (and (in-r x hp hl) (zero-region src zs zl cz cl bx bp bl ox ob ol)))
       (=> (= op #x0000000000000002) (in-r x hp hl))
       (=> (= op #x0000000000000003) (and (bvuge v #x0000000000000100) (in-r x nb nl)))))
(define-fun allocates ((op (_ BitVec 64))) Bool
  (or (= op #x0000000000000003) (= op #x0000000000000004) (= op #x0000000000000005)))
(define-fun op-pre ((w (_ BitVec 64)) (op (_ BitVec 64)) (x (_ BitVec 64)) (src (_ BitVec 64)) (zp (_ BitVec 64)) (v (_ BitVec 64)) (nb (_ BitVec 64)) (nl (_ BitVec 64)) (tb (_ BitVec 64)) (tl (_ BitVec 64)) (zs (_ BitVec 64)) (zl (_ BitVec 64)) (cz (_ BitVec 64)) (cl (_ BitVec 64)) (bx Bool) (bp (_ BitVec 64)) (bl (_ BitVec 64)) (ox Bool) (ob (_ BitVec 64)) (ol (_ BitVec 64)) (olive Bool) (hp (_ BitVec 64)) (hl (_ BitVec 64))) Bool
  (and (op-args op x src zp v nb nl zs zl cz cl bx bp bl ox ob ol hp hl)
       (=> (allocates op) (fresh-region w nb nl tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl))))

(define-fun new-object ((op (_ BitVec 64)) (keep Bool)) Bool
  (and (or (= op #x0000000000000003) (= op #x0000000000000004)) (not keep)))
(define-fun growth ((op (_ BitVec 64))) Bool
  (= op #x0000000000000005))
(define-fun retire ((op (_ BitVec 64)) (keep Bool) (bx Bool)) Bool
  (and (growth op) bx (not keep)))

; ===================== claims =====================
; Each claim: invariants before (at address a), one operation, invariants after (at a). Fresh
; memory from persistentalloc reads zero (its contract), stated at a.

(define-fun pre-state ((half (_ BitVec 64)) (w (_ BitVec 64)) (be Bool) (mem (Array (_ BitVec 64) (_ BitVec 8))) (a (_ BitVec 64)) (op (_ BitVec 64)) (x (_ BitVec 64)) (src (_ BitVec 64)) (zp (_ BitVec 64)) (v (_ BitVec 64)) (nb (_ BitVec 64)) (nl (_ BitVec 64)) (tb (_ BitVec 64)) (tl (_ BitVec 64)) (zs (_ BitVec 64)) (zl (_ BitVec 64)) (cz (_ BitVec 64)) (cl (_ BitVec 64)) (bx Bool) (bp (_ BitVec 64)) (bl (_ BitVec 64)) (ox Bool) (ob (_ BitVec 64)) (ol (_ BitVec 64)) (olive Bool) (hp (_ BitVec 64)) (hl (_ BitVec 64))) Bool
  (and (layout-inv w tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)
       (=> (allocates op) (fresh-region w nb nl tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl))
       (ite (= half #x0000000000000000) (mem-inv-zero mem a zs zl cz cl bx bp bl ox ob ol) (mem-inv-table be mem a tb tl))
       (op-args op x src zp v nb nl zs zl cz cl bx bp bl ox ob ol hp hl)
       (=> (and (growth op) (in-r a nb nl)) (= (select mem a) #x00))))

; The zero regions after op. The case split is written outside the region tests (never an ite
; inside a comparison), so that every atom after the step is literally an atom before it: this keeps
; each query small for the solver.
(define-fun post-zero-region ((a (_ BitVec 64)) (op (_ BitVec 64)) (keep Bool) (nb (_ BitVec 64)) (nl (_ BitVec 64)) (zs (_ BitVec 64)) (zl (_ BitVec 64)) (cz (_ BitVec 64)) (cl (_ BitVec 64)) (bx Bool) (bp (_ BitVec 64)) (bl (_ BitVec 64)) (ox Bool) (ob (_ BitVec 64)) (ol (_ BitVec 64))) Bool
  (ite (growth op)
       (or (in-r a zs zl) (in-r a cz cl) (in-r a nb nl)
           (ite (retire op keep bx) (in-r a bp bl) (and ox (in-r a ob ol))))
       (zero-region a zs zl cz cl bx bp bl ox ob ol)))

(define-fun claim.ZV-009 ((w (_ BitVec 64)) (be Bool) (mem (Array (_ BitVec 64) (_ BitVec 8))) (a (_ BitVec 64)) (op (_ BitVec 64)) (x (_ BitVec 64)) (val (_ BitVec 8)) (src (_ BitVec 64)) (zp (_ BitVec 64)) (v (_ BitVec 64)) (nb (_ BitVec 64)) (nl (_ BitVec 64)) (keep Bool) (tb (_ BitVec 64)) (tl (_ BitVec 64)) (zs (_ BitVec 64)) (zl (_ BitVec 64)) (cz (_ BitVec 64)) (cl (_ BitVec 64)) (bx Bool) (bp (_ BitVec 64)) (bl (_ BitVec 64)) (ox Bool) (ob (_ BitVec 64)) (ol (_ BitVec 64)) (olive Bool) (hp (_ BitVec 64)) (hl (_ BitVec 64))) Bool
  (=> (pre-state #x0000000000000000 w be mem a op x src zp v nb nl tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)
      (let ((byte (select (step-mem op mem x val src zp tb v) a)))
        (ZV-009.ok (ite (and (post-zero-region a op keep nb nl zs zl cz cl bx bp bl ox ob ol) (distinct byte #x00))
                        #x0000000000000001 #x0000000000000000)))))

(define-fun claim.SV-007 ((w (_ BitVec 64)) (be Bool) (mem (Array (_ BitVec 64) (_ BitVec 8))) (a (_ BitVec 64)) (op (_ BitVec 64)) (x (_ BitVec 64)) (val (_ BitVec 8)) (src (_ BitVec 64)) (zp (_ BitVec 64)) (v (_ BitVec 64)) (nb (_ BitVec 64)) (nl (_ BitVec 64)) (keep Bool) (tb (_ BitVec 64)) (tl (_ BitVec 64)) (zs (_ BitVec 64)) (zl (_ BitVec 64)) (cz (_ BitVec 64)) (cl (_ BitVec 64)) (bx Bool) (bp (_ BitVec 64)) (bl (_ BitVec 64)) (ox Bool) (ob (_ BitVec 64)) (ol (_ BitVec 64)) (olive Bool) (hp (_ BitVec 64)) (hl (_ BitVec 64))) Bool
  (=> (pre-state #x0000000000000001 w be mem a op x src zp v nb nl tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)
      (=> (in-r a tb tl)
          (= (select (step-mem op mem x val src zp tb v) a) (table-byte be tb a)))))

(define-fun claim.ZV-015 ((w (_ BitVec 64)) (op (_ BitVec 64)) (x (_ BitVec 64)) (src (_ BitVec 64)) (zp (_ BitVec 64)) (v (_ BitVec 64)) (nb (_ BitVec 64)) (nl (_ BitVec 64)) (keep Bool) (tb (_ BitVec 64)) (tl (_ BitVec 64)) (zs (_ BitVec 64)) (zl (_ BitVec 64)) (cz (_ BitVec 64)) (cl (_ BitVec 64)) (bx Bool) (bp (_ BitVec 64)) (bl (_ BitVec 64)) (ox Bool) (ob (_ BitVec 64)) (ol (_ BitVec 64)) (olive Bool) (hp (_ BitVec 64)) (hl (_ BitVec 64))) Bool
  (=> (and (layout-inv w tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)
           (op-pre w op x src zp v nb nl tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl))
      ; the layout after op, case by case (see post-zero-region on why the split is outside)
      (ite (growth op)
           (ite (retire op keep bx)
                (layout-inv w tb tl zs zl cz cl true nb nl true bp bl (old-live-after-growth true) hp hl)
                (layout-inv w tb tl zs zl cz cl true nb nl ox ob ol (old-live-after-growth olive) hp hl))
           (ite (new-object op keep)
                (layout-inv w tb tl zs zl cz cl bx bp bl ox ob ol olive nb nl)
                (layout-inv w tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)))))

; The loader's initial memory: table bytes in the table, zeros in the static and compiler zeros.
(define-fun claim.ZV-009.init ((w (_ BitVec 64)) (be Bool) (mem (Array (_ BitVec 64) (_ BitVec 8))) (a (_ BitVec 64)) (tb (_ BitVec 64)) (tl (_ BitVec 64)) (zs (_ BitVec 64)) (zl (_ BitVec 64)) (cz (_ BitVec 64)) (cl (_ BitVec 64))) Bool
  (=> (and (=> (in-r a tb tl) (= (select mem a) (table-byte be tb a)))
           (=> (or (in-r a zs zl) (in-r a cz cl)) (= (select mem a) #x00)))
      (mem-inv be mem a tb tl zs zl cz cl false tb tb false tb tb)))

; ===================== constants =====================
; What the obligations below quantify over: a counterexample lists the ones its obligation uses,
; in this order.
(declare-const mem (Array (_ BitVec 64) (_ BitVec 8)))
(declare-const val (_ BitVec 8))
(declare-const a (_ BitVec 64))
(declare-const op (_ BitVec 64))
(declare-const x (_ BitVec 64))
(declare-const src (_ BitVec 64))
(declare-const zp (_ BitVec 64))
(declare-const v (_ BitVec 64))
(declare-const nb (_ BitVec 64))
(declare-const nl (_ BitVec 64))
(declare-const keep Bool)
(declare-const tb (_ BitVec 64))
(declare-const tl (_ BitVec 64))
(declare-const zs (_ BitVec 64))
(declare-const zl (_ BitVec 64))
(declare-const cz (_ BitVec 64))
(declare-const cl (_ BitVec 64))
(declare-const bx Bool)
(declare-const bp (_ BitVec 64))
(declare-const bl (_ BitVec 64))
(declare-const ox Bool)
(declare-const ob (_ BitVec 64))
(declare-const ol (_ BitVec 64))
(declare-const olive Bool)
(declare-const hp (_ BitVec 64))
(declare-const hl (_ BitVec 64))

; ===================== obligations =====================
; The memory claims are split by operation (op is a literal in each): one query per operation is
; twenty times faster than one query over all of them, and a counterexample names the operation.

(push 1)
(set-info :obligation "ZV-009/init")
(set-info :requirement "ZV-009 SV-007")
(set-info :statement "the loader's memory satisfies the invariant: table bytes in place, zero regions zero")
(set-info :status unsat)
(assert (not (claim.ZV-009.init W BE mem a tb tl zs zl cz cl)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-009/lookup")
(set-info :requirement "ZV-009")
(set-info :statement "a lookup writes no byte of any zero region (inductive, at every address)")
(set-info :status unsat)
(assert (not (claim.ZV-009 W BE mem a #x0000000000000000 x val src zp v nb nl keep tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-009/copy-out-of-zero")
(set-info :requirement "ZV-009")
(set-info :statement "a copy-out-of-zero writes no byte of any zero region (inductive, at every address)")
(set-info :status unsat)
(assert (not (claim.ZV-009 W BE mem a #x0000000000000001 x val src zp v nb nl keep tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-009/map-assignment")
(set-info :requirement "ZV-009")
(set-info :statement "a map-assignment writes no byte of any zero region (inductive, at every address)")
(set-info :status unsat)
(assert (not (claim.ZV-009 W BE mem a #x0000000000000002 x val src zp v nb nl keep tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-009/conversion")
(set-info :requirement "ZV-009")
(set-info :statement "a conversion writes no byte of any zero region (inductive, at every address)")
(set-info :status unsat)
(assert (not (claim.ZV-009 W BE mem a #x0000000000000003 x val src zp v nb nl keep tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-009/allocation")
(set-info :requirement "ZV-009")
(set-info :statement "a allocation writes no byte of any zero region (inductive, at every address)")
(set-info :status unsat)
(assert (not (claim.ZV-009 W BE mem a #x0000000000000004 x val src zp v nb nl keep tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-009/buffer-growth")
(set-info :requirement "ZV-009")
(set-info :statement "a buffer-growth writes no byte of any zero region (inductive, at every address)")
(set-info :status unsat)
(assert (not (claim.ZV-009 W BE mem a #x0000000000000005 x val src zp v nb nl keep tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-009/type-or-map-creation")
(set-info :requirement "ZV-009")
(set-info :statement "a type-or-map-creation writes no byte of any zero region (inductive, at every address)")
(set-info :status unsat)
(assert (not (claim.ZV-009 W BE mem a #x0000000000000006 x val src zp v nb nl keep tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-007/lookup")
(set-info :requirement "SV-007")
(set-info :statement "a lookup changes no byte of the table (inductive, at every address)")
(set-info :status unsat)
(assert (not (claim.SV-007 W BE mem a #x0000000000000000 x val src zp v nb nl keep tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-007/copy-out-of-zero")
(set-info :requirement "SV-007")
(set-info :statement "a copy-out-of-zero changes no byte of the table (inductive, at every address)")
(set-info :status unsat)
(assert (not (claim.SV-007 W BE mem a #x0000000000000001 x val src zp v nb nl keep tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-007/map-assignment")
(set-info :requirement "SV-007")
(set-info :statement "a map-assignment changes no byte of the table (inductive, at every address)")
(set-info :status unsat)
(assert (not (claim.SV-007 W BE mem a #x0000000000000002 x val src zp v nb nl keep tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-007/conversion")
(set-info :requirement "SV-007")
(set-info :statement "a conversion changes no byte of the table (inductive, at every address)")
(set-info :status unsat)
(assert (not (claim.SV-007 W BE mem a #x0000000000000003 x val src zp v nb nl keep tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-007/allocation")
(set-info :requirement "SV-007")
(set-info :statement "a allocation changes no byte of the table (inductive, at every address)")
(set-info :status unsat)
(assert (not (claim.SV-007 W BE mem a #x0000000000000004 x val src zp v nb nl keep tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-007/buffer-growth")
(set-info :requirement "SV-007")
(set-info :statement "a buffer-growth changes no byte of the table (inductive, at every address)")
(set-info :status unsat)
(assert (not (claim.SV-007 W BE mem a #x0000000000000005 x val src zp v nb nl keep tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "SV-007/type-or-map-creation")
(set-info :requirement "SV-007")
(set-info :statement "a type-or-map-creation changes no byte of the table (inductive, at every address)")
(set-info :status unsat)
(assert (not (claim.SV-007 W BE mem a #x0000000000000006 x val src zp v nb nl keep tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)))
(check-sat)
(pop 1)

(push 1)
(set-info :obligation "ZV-015/regions-disjoint")
(set-info :requirement "ZV-015")
(set-info :statement "every operation keeps the table, every zero region and every allocated object pairwise disjoint, and frees no buffer")
(set-info :status unsat)
(assert (not (claim.ZV-015 W op x src zp v nb nl keep tb tl zs zl cz cl bx bp bl ox ob ol olive hp hl)))
(check-sat)
(pop 1)
