/* LeakSanitizer's suppressions for the sanitized builds (`make test`): what Debian 12's libraries keep
 * for the life of the process or lose on their own. cairo 1.16 loses ~1.5 KB a document while
 * finishing a PDF with a CFF font such as Noto CJK (tests/unit/test_pdf.c measured it); fontconfig
 * keeps its parsed configuration. Our own allocations never start in these libraries. Unused in a
 * build without AddressSanitizer. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libcairo.so\nleak:libfontconfig.so\n";
}
