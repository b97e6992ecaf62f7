#include "transfer/workshop_pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "transfer/pdf_doc.h"

static const char *T(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* 2026-12-06 → 2026年12月6日 */
static void date_zh(const char *iso, char out[32])
{
    if (strlen(iso) == 10)
        snprintf(out, 32, "%.4s年%d月%d日", iso, atoi(iso + 5), atoi(iso + 8));
    else
        snprintf(out, 32, "%s", iso);
}

int sh_ws_cert_pdf(const json_t *cert, const char *verify_url, sh_buf *out, sh_err *err)
{
    char issued[32], until[32], period[80];
    date_zh(T(cert, "issued_on"), issued);
    date_zh(T(cert, "valid_until"), until);
    snprintf(period, sizeof period, "%s至%s", issued, until);
    const char *agency = *T(cert, "agency") ? T(cert, "agency") : "市场监督管理局";
    sh_pdf_doc *d = sh_pdf_new();
    sh_pdf_agency(d, agency);
    sh_pdf_title(d, "食品小作坊登记证");
    sh_pdf_number(d, T(cert, "cert_no"));
    sh_pdf_field(d, "作坊名称", T(cert, "name"));
    sh_pdf_field(d, "经营者", T(cert, "operator"));
    sh_pdf_field(d, "生产加工场所", T(cert, "address"));
    sh_pdf_field(d, "所在乡镇（街道）", T(cert, "division_name"));
    sh_pdf_field(d, "有效期限", period);
    if (!strcmp(T(cert, "status"), "cancelled"))
        sh_pdf_field(d, "状态", "已注销");
    json_t *products = json_object_get(cert, "products");
    size_t n = json_array_size(products);
    const char **cells = calloc((n + 1) * 3, sizeof *cells);
    cells[0] = "序号", cells[1] = "目录类别", cells[2] = "产品名称";
    char (*nums)[8] = calloc(n + 1, sizeof *nums);
    for (size_t i = 0; i < n; i++) {
        json_t *p = json_array_get(products, i);
        snprintf(nums[i], sizeof nums[i], "%zu", i + 1);
        cells[(i + 1) * 3] = nums[i];
        cells[(i + 1) * 3 + 1] = T(p, "catalogue_name");
        cells[(i + 1) * 3 + 2] = T(p, "name");
    }
    sh_pdf_paragraph(d, "准予生产加工下列食品：");
    sh_pdf_form(d, cells, (int)n + 1, 3);
    sh_pdf_paragraph(d, "本证应悬挂或者摆放在生产加工场所的显著位置。登记事项发生变化的，应当申请变更登记；有效期届满需要继续生产加工的，应当在届满前申请延续。");
    sh_pdf_signature(d, agency, issued);
    if (verify_url && *verify_url)
        sh_pdf_qr(d, verify_url, "扫码核验");
    int rc = sh_pdf_finish(d, out, err);
    free(cells);
    free(nums);
    return rc;
}
