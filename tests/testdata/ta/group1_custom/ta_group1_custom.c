/* Writes TA-Lib's group-1 candlestick outputs for one OHLCV CSV under a NON-default candle
 * settings table and non-default penetrations (the oracle only runs the defaults). Used to
 * make tests/testdata/ta/group1_custom/<case>.csv; see tests/testdata/ta/README_group1.md.
 * The table below must equal kCustomSettings in tests/ta/patterns_group1_test.cc.
 *
 * Build against the TA-Lib C that the oracle compiled:
 *   L=/tmp/oracle-p1/node_modules/talib/src/lib
 *   gcc -O2 -o /tmp/ta_group1_custom ta_group1_custom.c -I$L/include -L$L/lib \
 *       -lta_libc_csr -lta_abstract_csr -lta_func_csr -lta_common_csr -lm
 * Usage: /tmp/ta_group1_custom INPUT.csv OUTPUT.csv   (input: date,open,high,low,close,...)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ta_libc.h"

enum { kMaxRows = 200000, kColumns = 20 };

static char dates[kMaxRows][32];
static double op[kMaxRows], hi[kMaxRows], lo[kMaxRows], cl[kMaxRows];
static int out[kColumns][kMaxRows];
static int beg[kColumns], count[kColumns];

static int ReadInput(const char* path) {
  FILE* f = fopen(path, "r");
  if (!f) { perror(path); exit(2); }
  char line[1024];
  int n = 0;
  if (!fgets(line, sizeof line, f)) { fprintf(stderr, "%s: empty\n", path); exit(2); }
  if (strncmp(line, "date,open,high,low,close", 24) != 0) {
    fprintf(stderr, "%s: header must start with date,open,high,low,close\n", path);
    exit(2);
  }
  while (fgets(line, sizeof line, f) && n < kMaxRows) {
    char* fields[6] = {0};
    int k = 0;
    for (char* tok = strtok(line, ",\r\n"); tok && k < 6; tok = strtok(NULL, ",\r\n")) fields[k++] = tok;
    if (k < 5) { fprintf(stderr, "%s: short row %d\n", path, n + 2); exit(2); }
    snprintf(dates[n], sizeof dates[n], "%s", fields[0]);
    op[n] = strtod(fields[1], NULL);
    hi[n] = strtod(fields[2], NULL);
    lo[n] = strtod(fields[3], NULL);
    cl[n] = strtod(fields[4], NULL);
    ++n;
  }
  fclose(f);
  return n;
}

static void Set(TA_CandleSettingType type, TA_RangeType range, int period, double factor) {
  if (TA_SetCandleSettings(type, range, period, factor) != TA_SUCCESS) {
    fprintf(stderr, "TA_SetCandleSettings(%d) failed\n", (int)type);
    exit(2);
  }
}

static const char* kNames[kColumns] = {
    "CDL2CROWS", "CDL3BLACKCROWS", "CDL3INSIDE", "CDL3LINESTRIKE", "CDL3OUTSIDE",
    "CDL3STARSINSOUTH", "CDL3WHITESOLDIERS", "CDLABANDONEDBABY", "CDLADVANCEBLOCK",
    "CDLBELTHOLD", "CDLBREAKAWAY", "CDLCLOSINGMARUBOZU", "CDLCONCEALBABYSWALL",
    "CDLCOUNTERATTACK", "CDLDARKCLOUDCOVER", "CDLDOJI", "CDLDOJISTAR", "CDLDRAGONFLYDOJI",
    "CDLENGULFING", "CDLEVENINGDOJISTAR"};

int main(int argc, char** argv) {
  if (argc != 3) { fprintf(stderr, "usage: %s INPUT.csv OUTPUT.csv\n", argv[0]); return 2; }
  const int n = ReadInput(argv[1]);
  if (TA_Initialize() != TA_SUCCESS) { fprintf(stderr, "TA_Initialize failed\n"); return 2; }
  Set(TA_BodyLong, TA_RangeType_RealBody, 7, 1.2);
  Set(TA_BodyVeryLong, TA_RangeType_RealBody, 8, 2.5);
  Set(TA_BodyShort, TA_RangeType_HighLow, 6, 0.3);
  Set(TA_BodyDoji, TA_RangeType_HighLow, 12, 0.08);
  Set(TA_ShadowLong, TA_RangeType_RealBody, 4, 0.9);
  Set(TA_ShadowVeryLong, TA_RangeType_Shadows, 5, 1.5);
  Set(TA_ShadowShort, TA_RangeType_Shadows, 9, 1.1);
  Set(TA_ShadowVeryShort, TA_RangeType_HighLow, 3, 0.12);
  Set(TA_Near, TA_RangeType_HighLow, 6, 0.25);
  Set(TA_Far, TA_RangeType_Shadows, 4, 0.7);
  Set(TA_Equal, TA_RangeType_RealBody, 8, 0.1);

  const int e = n - 1;
#define RUN(k, call)                                                                   \
  if (call != TA_SUCCESS) { fprintf(stderr, "%s failed\n", kNames[k]); return 2; }
  RUN(0, TA_CDL2CROWS(0, e, op, hi, lo, cl, &beg[0], &count[0], out[0]));
  RUN(1, TA_CDL3BLACKCROWS(0, e, op, hi, lo, cl, &beg[1], &count[1], out[1]));
  RUN(2, TA_CDL3INSIDE(0, e, op, hi, lo, cl, &beg[2], &count[2], out[2]));
  RUN(3, TA_CDL3LINESTRIKE(0, e, op, hi, lo, cl, &beg[3], &count[3], out[3]));
  RUN(4, TA_CDL3OUTSIDE(0, e, op, hi, lo, cl, &beg[4], &count[4], out[4]));
  RUN(5, TA_CDL3STARSINSOUTH(0, e, op, hi, lo, cl, &beg[5], &count[5], out[5]));
  RUN(6, TA_CDL3WHITESOLDIERS(0, e, op, hi, lo, cl, &beg[6], &count[6], out[6]));
  RUN(7, TA_CDLABANDONEDBABY(0, e, op, hi, lo, cl, 0.1, &beg[7], &count[7], out[7]));
  RUN(8, TA_CDLADVANCEBLOCK(0, e, op, hi, lo, cl, &beg[8], &count[8], out[8]));
  RUN(9, TA_CDLBELTHOLD(0, e, op, hi, lo, cl, &beg[9], &count[9], out[9]));
  RUN(10, TA_CDLBREAKAWAY(0, e, op, hi, lo, cl, &beg[10], &count[10], out[10]));
  RUN(11, TA_CDLCLOSINGMARUBOZU(0, e, op, hi, lo, cl, &beg[11], &count[11], out[11]));
  RUN(12, TA_CDLCONCEALBABYSWALL(0, e, op, hi, lo, cl, &beg[12], &count[12], out[12]));
  RUN(13, TA_CDLCOUNTERATTACK(0, e, op, hi, lo, cl, &beg[13], &count[13], out[13]));
  RUN(14, TA_CDLDARKCLOUDCOVER(0, e, op, hi, lo, cl, 0.25, &beg[14], &count[14], out[14]));
  RUN(15, TA_CDLDOJI(0, e, op, hi, lo, cl, &beg[15], &count[15], out[15]));
  RUN(16, TA_CDLDOJISTAR(0, e, op, hi, lo, cl, &beg[16], &count[16], out[16]));
  RUN(17, TA_CDLDRAGONFLYDOJI(0, e, op, hi, lo, cl, &beg[17], &count[17], out[17]));
  RUN(18, TA_CDLENGULFING(0, e, op, hi, lo, cl, &beg[18], &count[18], out[18]));
  RUN(19, TA_CDLEVENINGDOJISTAR(0, e, op, hi, lo, cl, 0.6, &beg[19], &count[19], out[19]));
#undef RUN

  FILE* f = fopen(argv[2], "w");
  if (!f) { perror(argv[2]); return 2; }
  fputs("date", f);
  for (int k = 0; k < kColumns; ++k) fprintf(f, ",%s", kNames[k]);
  fputc('\n', f);
  for (int r = 0; r < n; ++r) {
    fputs(dates[r], f);
    for (int k = 0; k < kColumns; ++k) {
      if (count[k] > 0 && r >= beg[k]) fprintf(f, ",%d", out[k][r - beg[k]]);
      else fputs(",", f);
    }
    fputc('\n', f);
  }
  fclose(f);
  TA_Shutdown();
  return 0;
}
