/* The documents of a case (db/050; issue 13 "Documents"): filled from the case (templates.c) as a
 * draft an official may edit, issued with its number and frozen; the issued content's SHA-256 is what
 * the QR code on the paper verifies. Seen by whoever sees the case; the verification (number, title,
 * date, agency) by anyone with the hash. */
#ifndef SH_ENFORCEMENT_DOCUMENTS_H
#define SH_ENFORCEMENT_DOCUMENTS_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/store.h"

/* The Chinese title of a kind (filing_approval, not_filing_approval, scene_record, inquiry_record,
 * preservation_notice, correction_notice, penalty_notice, penalty_decision, simple_decision,
 * address_confirmation, service_receipt, closing_approval: the twelve of issue 13), NULL for another. */
const char *sh_document_title(const char *kind);

/* The case's document of kind: its draft (made from the case when there is none yet) or the issued
 * one. *ret {id, case_id, kind, status, number, content, sha256, issued_on}. */
int sh_case_document(sh_db *db, const sh_principal *actor, int64_t case_id, const char *kind, json_t **ret, sh_err *err);
/* The case's documents, drafts and issued: {items:[…]} without their content. */
int sh_case_documents(sh_db *db, const sh_principal *actor, int64_t case_id, json_t **ret, sh_err *err);
/* A document by id, as sh_case_document gives it. */
int sh_document_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* Rewrites the draft's editable paragraphs: body {blocks: [{index, text}]} (1-4000 characters each). */
int sh_document_edit(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* Issues the draft: its number (per kind and year), the content frozen, its SHA-256 kept. */
int sh_document_issue(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* Anyone: what an issued document's hash stands for {title, number, issued_on, agency}; SH_ENOTFOUND. */
int sh_document_verify(sh_db *db, const char *sha256, json_t **ret, sh_err *err);

/* For templates.c: the content of kind for the case c (as sh_case_get gives it). */
int cs_document_content(sh_db *db, json_t *c, const char *kind, json_t **ret, sh_err *err);

#endif
