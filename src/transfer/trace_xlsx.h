/* A trace (domain/trace/trace_view.h) and a recall list (domain/trace/recall.h) as sortable workbooks. */
#ifndef SH_TRANSFER_TRACE_XLSX_H
#define SH_TRANSFER_TRACE_XLSX_H

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"

/* The parties of a trace by tier: 层级, 单位, 类型, 乡镇, 联系人, 电话, 数量, 计量单位, 时间, 经由事件. */
int sh_trace_xlsx(const json_t *trace, sh_buf *out, sh_err *err);
/* A recall's list: 层级, 单位, 乡镇, 联系人, 电话, 数量, 计量单位, 通知, 确认, 退回或处置, 情况. */
int sh_recall_xlsx(const json_t *recall, sh_buf *out, sh_err *err);

#endif
