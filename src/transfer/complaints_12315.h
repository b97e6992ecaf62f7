/* Import of the 12315 platform's exports (全国12315平台 投诉举报 导出) as complaints and reports. */
#ifndef SH_TRANSFER_COMPLAINTS_12315_H
#define SH_TRANSFER_COMPLAINTS_12315_H

#include <jansson.h>
#include <stddef.h>

#include "domain/base/principal.h"
#include "store/store.h"

/* data: CSV (UTF-8 or GBK, a header row) or a JSON array of objects, with the platform's column names
 * (登记编号, 诉求类型, 姓名, 联系电话, 联系地址, 被投诉举报对象, 对象地址, 统一社会信用代码, 问题类别,
 * 诉求内容, 投诉请求, 是否匿名, 承办单位) or the API's field names. Each row is registered on its own
 * (channel 12315): a good row is kept whatever the others do, a number already registered is skipped,
 * a bad row is reported with its number (the header is row 1), field and reason. The business is found
 * by its credit code, else by its exact name; the handling township by 承办单位's name. *ret {total,
 * imported, skipped, rejected:[{row, field, message}], items:[{row, id, kind, tracking_code}]}. */
int sh_complaints_import_12315(sh_db *db, const sh_principal *actor, const char *data, size_t len, json_t **ret,
                               sh_err *err);

#endif
