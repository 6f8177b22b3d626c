/* explain.c: --explain, a JSON Lines report of every change the library makes.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "cli.h"

/* Write `n` bytes as the inside of a JSON string.  Invalid UTF-8 bytes, which JSON cannot
 * carry, are written as "\\xHH" escapes spelled out ("\\\\xff"), so nothing is lost. */
static void json_str(FILE *f, const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        if (c == '"' || c == '\\') {
            fputc('\\', f);
            fputc(c, f);
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            fprintf(f, "\\u%04x", c);
            i++;
        } else if (c < 0x80) {
            fputc(c, f);
            i++;
        } else {
            size_t l = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
            int ok = l && i + l <= n;
            for (size_t k = 1; ok && k < l; k++)
                ok = (u[i + k] & 0xC0) == 0x80;
            if (ok && l == 3 && ((c == 0xE0 && u[i + 1] < 0xA0) || (c == 0xED && u[i + 1] > 0x9F)))
                ok = 0;
            if (ok && l == 4 && ((c == 0xF0 && u[i + 1] < 0x90) || c > 0xF4 || (c == 0xF4 && u[i + 1] > 0x8F)))
                ok = 0;
            if (ok) {
                fwrite(u + i, 1, l, f);
                i += l;
            } else {
                fprintf(f, "\\\\x%02x", c);
                i++;
            }
        }
    }
}

void explain_event(const mojiclean_event *ev, void *ctx) {
    worker *w = ctx;
    FILE *f = opt.explain;
    if (!f)
        return;
    fputs("{\"file\":\"", f);
    json_str(f, w->doc_name ? w->doc_name : "-", strlen(w->doc_name ? w->doc_name : "-"));
    fputc('"', f);
    if (w->doc_record)
        fprintf(f, ",\"record\":%llu", (unsigned long long)w->doc_record);
    fprintf(f, ",\"offset\":%llu,\"kind\":\"%s\",\"before\":\"", (unsigned long long)ev->offset,
            ev->kind == MOJICLEAN_EVENT_REPAIR ? "repair" : "remove");
    json_str(f, ev->before, ev->before_len);
    fputc('"', f);
    if (ev->kind == MOJICLEAN_EVENT_REPAIR) {
        fputs(",\"after\":\"", f);
        json_str(f, ev->after, ev->after_len);
        fputs("\",\"chain\":[", f);
        /* "windows-874+1252,windows-1252" -> ["utf-8","windows-874+1252","windows-1252"];
         * "raw:windows-1252" (bytes that were not UTF-8) -> ["windows-1252"] */
        const char *p = ev->why;
        int sep = 0;
        if (strncmp(p, "raw:", 4) == 0)
            p += 4;
        else
            fputs("\"utf-8\"", f), sep = 1;
        while (*p) {
            const char *e = strchr(p, ',');
            size_t l = e ? (size_t)(e - p) : strlen(p);
            if (sep)
                fputc(',', f);
            sep = 1;
            fputc('"', f);
            json_str(f, p, l);
            fputc('"', f);
            p += l + (e != NULL);
        }
        fputc(']', f);
    } else {
        fputs(",\"reason\":\"", f);
        json_str(f, ev->why, strlen(ev->why));
        fputc('"', f);
    }
    fputs("}\n", f);
}
