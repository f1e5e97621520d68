; Test model in the models' convention (w = 32 or 64 as a 64-bit word, be as Bool).
(set-info :status unsat)

; Helpers without a requirement prefix are not predicates, but predicates may call them.
(define-fun offset ((be Bool) (width (_ BitVec 64))) (_ BitVec 64)
  (ite be (bvsub #x0000000000000008 width) #x0000000000000000))

(define-fun AR-003.ptr-ok ((be Bool) (base (_ BitVec 64)) (v (_ BitVec 64)) (width (_ BitVec 64)) (ptr (_ BitVec 64))) Bool
  (and (bvult v #x0000000000000100)
       (or (= width #x0000000000000001) (= width #x0000000000000002)
           (= width #x0000000000000004) (= width #x0000000000000008))
       (= ptr (bvadd base (bvshl v #x0000000000000003) (offset be width)))))

(define-fun AR-003.offset ((be Bool) (width (_ BitVec 64))) (_ BitVec 64) (offset be width))

; An obligation with arrays: skipped by the oracle.
(declare-const mem (Array (_ BitVec 64) (_ BitVec 8)))
(push 1)
(assert (not (= (select (store mem #x0000000000000000 #x01) #x0000000000000000) #x01)))
(check-sat)
(pop 1)
