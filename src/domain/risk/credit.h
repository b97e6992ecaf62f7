/* The credit factor of risk grading: a serious-dishonesty listing in force (table credit_listings,
 * filled by the credit area) grades a business D. */
#ifndef SH_RISK_CREDIT_H
#define SH_RISK_CREDIT_H

/* Registers the factor; 0, or -1 when the factor table is full. */
int sh_risk_credit_register(void);

#endif
