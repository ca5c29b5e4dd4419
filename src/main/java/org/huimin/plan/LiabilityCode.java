package org.huimin.plan;

/** 保险责任 — what a plan pays for. Over-limit-price self-pay (超限价自费) is never one of them. */
public enum LiabilityCode {
    /** 医保政策范围内个人自付 */
    IN_POLICY,
    /** 医保政策范围外个人自费（合理且必需） */
    OUT_OF_POLICY
}
