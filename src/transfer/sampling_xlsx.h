/* The year's sampling figures (domain/sampling/figures.h) as the Excel workbook a higher bureau asks
 * for: sheets 汇总 (the indicators, by kind, the monthly failure trend), 按食品类别 and 按乡镇, each with
 * a title row, the reporting unit and year, Chinese column headers and a 合计 row. */
#ifndef SH_TRANSFER_SAMPLING_XLSX_H
#define SH_TRANSFER_SAMPLING_XLSX_H

#include "core/buf.h"
#include "domain/base/principal.h"
#include "store/store.h"

/* Appends the workbook to out; the actor's jurisdiction and rights as sh_sampling_figures. */
int sh_sampling_figures_xlsx(sh_db *db, const sh_principal *actor, int year, sh_buf *out, sh_err *err);

#endif
