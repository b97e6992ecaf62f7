# shian — plain GNU Make with pkg-config.
#   make            build build/shian
#   make run        install dependencies, build, create the demo county if needed, serve on :8080
#   make test       install dependencies, build with ASan+UBSan, run every test
#   make bench      run the benchmarks (prints figures; BENCH=search, BENCH=ingest or BENCH=pdf for one)
#   make SANITIZE=address,undefined   sanitized build (into build/san)
#   make fuzz       run each libFuzzer target of fuzz/ for FUZZ_SECONDS (default 60), keeping new finds

CC      ?= cc
PKGS    := libmicrohttpd jansson sqlite3 libsodium xlsxwriter libxml-2.0 lunar-date-3.0 gobject-2.0 libjpeg libpng libqrencode pangocairo cairo-pdf libcurl libpcre2-8 libpq
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 \
           -Wno-format-nonliteral -Isrc -Ibuild/gen $(shell pkg-config --cflags $(PKGS))
# GCC only: snprintf into a fixed buffer truncates on purpose; clang has no such warning and refuses the option
ifeq ($(findstring clang,$(shell $(CC) --version 2>/dev/null | head -1)),)
CFLAGS  += -Wno-format-truncation
endif
LDLIBS  += $(shell pkg-config --libs $(PKGS)) -lcsv -lpthread -lm

ifdef SANITIZE
BUILD   ?= build/san
CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
else
BUILD   ?= build/rel
endif

# layers, lowest first (docs/ARCHITECTURE.md): core, store, domain areas, adapters, transfer, jobs, demo, http
LIB_SRC := $(wildcard src/core/*.c src/store/*.c src/domain/*.c src/domain/*/*.c src/adapters/*.c src/transfer/*.c \
                      src/jobs/*.c src/demo/*.c src/http/*.c)
CLI_SRC := $(wildcard src/cli/*.c)
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/gen/migrations.o $(BUILD)/gen/pg_migrations.o $(BUILD)/gen/data.o
CLI_OBJ := $(CLI_SRC:src/%.c=$(BUILD)/%.o)
NN_TEST_SRC := $(wildcard tests/unit/test_nn*.c)
UNIT_SRC := $(filter-out $(NN_TEST_SRC),$(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# nn/ (the neural-network runner) and vision/ (the analyser): a library of their own with OpenBLAS,
# libjpeg, FFmpeg, libcurl and libmicrohttpd, linked only into shian-vision, the analyser's tools and
# tests, never into build/shian. (domain/video/rules.o joins it: the analyser's pre-filter applies the
# platform's own rules, pure functions of jansson.)
NN_PKGS   := jansson libsodium openblas libjpeg libavformat libavcodec libswscale libavutil libcurl libmicrohttpd
NN_CFLAGS := $(shell pkg-config --cflags $(NN_PKGS) 2>/dev/null)
NN_LDLIBS := $(shell pkg-config --libs $(NN_PKGS) 2>/dev/null) -lm
NN_SRC    := $(wildcard src/nn/*.c src/vision/*.c)
NN_OBJ    := $(NN_SRC:src/%.c=$(BUILD)/%.o)
NN_TEST_BIN := $(NN_TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
NN_TOOLS  := $(BUILD)/nn-run $(BUILD)/face-check $(BUILD)/shian-vision
VISION_OBJ := $(BUILD)/cli-vision/main.o
# `make` builds the analyser too when its libraries are installed (scripts/deps.sh test)
VISION_OK := $(shell pkg-config --exists $(NN_PKGS) 2>/dev/null && echo 1)
MIGRATIONS := $(sort $(wildcard db/*.sql))
PG_MIGRATIONS := $(sort $(wildcard db/postgres/*.sql))

.PHONY: all deps run test unit bench clean demo nn bench-nn fuzz fuzz-build fuzz-targets
all: $(BUILD)/shian $(if $(VISION_OK),$(BUILD)/shian-vision) web/vendor/echarts.min.js
	@ln -sf $(notdir $(BUILD))/shian build/shian
	@$(if $(VISION_OK),ln -sf $(notdir $(BUILD))/shian-vision build/shian-vision,echo "  (shian-vision skipped: scripts/deps.sh test installs its libraries)")

# The console's charts: ECharts from its npm package (package.json), copied where the server serves the
# console from, so no page loads a script from elsewhere. web/vendor/ is not in git.
ECHARTS := node_modules/echarts/dist/echarts.min.js
web/vendor/echarts.min.js: $(wildcard $(ECHARTS))
	@if [ ! -f $(ECHARTS) ]; then echo "$(ECHARTS) is missing: run scripts/deps.sh run (it installs the npm packages)" >&2; exit 1; fi
	@mkdir -p web/vendor
	@cp $(ECHARTS) $@

$(BUILD)/shian: $(CLI_OBJ) $(BUILD)/libshian.a
	@echo "  LINK  $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libshian.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

build/gen/migrations.c: $(MIGRATIONS) scripts/embed-migrations.sh
	@mkdir -p build/gen
	@scripts/embed-migrations.sh sh_migrations $(MIGRATIONS) > $@

build/gen/pg_migrations.c: $(PG_MIGRATIONS) scripts/embed-migrations.sh
	@mkdir -p build/gen
	@scripts/embed-migrations.sh sh_pg_migrations $(PG_MIGRATIONS) > $@

DATA_FILES := $(sort $(wildcard data/*.csv data/*/*.csv data/*/*.json))
build/gen/data.c: $(DATA_FILES) scripts/embed-data.sh
	@mkdir -p build/gen
	@scripts/embed-data.sh $(DATA_FILES) > $@

$(BUILD)/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libshian.a
	@mkdir -p $(dir $@)
	@echo "  TEST  $@"
	@$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libshian.a $(LDLIBS) -lcmocka

unit: $(UNIT_BIN)

# -O3: GCC vectorises the kernels' loops there (also in the sanitized build, to keep tests quick)
$(NN_OBJ): CFLAGS += $(NN_CFLAGS) -O3
$(VISION_OBJ): CFLAGS += $(NN_CFLAGS)

$(BUILD)/libshian_nn.a: $(NN_OBJ) $(BUILD)/core/err.o $(BUILD)/core/timeutil.o $(BUILD)/core/civil.o $(BUILD)/domain/video/rules.o
	@rm -f $@
	@ar rcs $@ $^

# the analyser: its own process, never linked into build/shian
$(BUILD)/shian-vision: $(VISION_OBJ) $(BUILD)/libshian_nn.a
	@echo "  LINK  $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(NN_LDLIBS) -lpthread

$(BUILD)/nn-run: tests/nn/nn_run.c $(BUILD)/libshian_nn.a
	@echo "  LINK  $@"
	@$(CC) $(CFLAGS) $(NN_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libshian_nn.a $(NN_LDLIBS)

# the experimental mask check on pictures (scripts/mask-scores.mjs measures it with this)
$(BUILD)/face-check: tests/nn/face_check.c $(BUILD)/libshian_nn.a
	@echo "  LINK  $@"
	@$(CC) $(CFLAGS) $(NN_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libshian_nn.a $(NN_LDLIBS)

$(BUILD)/tests/test_nn%: tests/unit/test_nn%.c $(BUILD)/libshian_nn.a $(BUILD)/core/image.o
	@mkdir -p $(dir $@)
	@echo "  TEST  $@"
	@$(CC) $(CFLAGS) $(NN_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libshian_nn.a $(BUILD)/core/image.o $(NN_LDLIBS) -lcmocka

$(BUILD)/nn-sgemm: bench/nn_sgemm.c
	@echo "  LINK  $@"
	@$(CC) $(CFLAGS) $(NN_CFLAGS) $(LDFLAGS) -o $@ $< $(NN_LDLIBS)

$(BUILD)/nn-streams: bench/nn_streams.c $(BUILD)/libshian_nn.a
	@echo "  LINK  $@"
	@$(CC) $(CFLAGS) $(NN_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libshian_nn.a $(NN_LDLIBS)

# the runner, its tools and its unit tests
nn: $(NN_TOOLS) $(NN_TEST_BIN)

# NanoDet inference beside tfjs-wasm, FLOPs and sgemm peak, cost of a camera stream (prints figures)
bench-nn:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory nn $(BUILD)/nn-sgemm $(BUILD)/nn-streams
	@BUILD=$(BUILD) bench/nn.sh

deps:
	@scripts/deps.sh run

run: deps all
	build/shian serve --demo-if-empty --demo-devices

test:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory SANITIZE=address,undefined all unit nn
	@$(MAKE) --no-print-directory BUILD=build/rel all
	@$(MAKE) --no-print-directory fuzz-build
	@scripts/run-tests.sh build/san

# libFuzzer targets (fuzz/fuzz_*.c): the library built by clang with coverage, ASan and UBSan into
# build/fuzz, each target linked with libFuzzer's main (-fsanitize=fuzzer). Corpora in fuzz/corpus/.
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)
FUZZ_SECONDS ?= 60

$(BUILD)/fuzz/%: fuzz/%.c fuzz/fuzz.h fuzz/keys.h $(BUILD)/libshian.a
	@mkdir -p $(dir $@)
	@echo "  FUZZ  $@"
	@$(CC) $(CFLAGS) -Itests/unit -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(BUILD)/libshian.a $(LDLIBS)

fuzz-targets: $(FUZZ_SRC:fuzz/%.c=$(BUILD)/fuzz/%)

fuzz-build:
	@$(MAKE) --no-print-directory CC=clang BUILD=build/fuzz SANITIZE=fuzzer-no-link,address,undefined fuzz-targets

fuzz:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh run build/fuzz

# BENCH=search, BENCH=ingest, BENCH=pdf, BENCH=trace, BENCH=ledger or BENCH=soak runs only that one (bench/run.sh, bench/ingest.sh,
# bench/pdf.c, bench/trace.c, bench/ledger.c, bench/soak.mjs; the soak only when asked for: SOAK_SECONDS, 600 by default)
bench:
	@scripts/deps.sh bench
	@$(MAKE) --no-print-directory all $(BUILD)/bench-pdf $(BUILD)/bench-trace $(BUILD)/bench-ledger
	@if [ -z "$(BENCH)" ] || [ "$(BENCH)" = search ]; then bench/run.sh; fi
	@if [ -z "$(BENCH)" ] || [ "$(BENCH)" = ingest ]; then echo; bench/ingest.sh; fi
	@if [ -z "$(BENCH)" ] || [ "$(BENCH)" = pdf ]; then echo; $(BUILD)/bench-pdf; fi
	@if [ -z "$(BENCH)" ] || [ "$(BENCH)" = trace ]; then echo; $(BUILD)/bench-trace; fi
	@if [ -z "$(BENCH)" ] || [ "$(BENCH)" = ledger ]; then echo; $(BUILD)/bench-ledger; fi
	@if [ "$(BENCH)" = soak ]; then SHIAN_BIN=$${SHIAN_BIN:-$$PWD/$(BUILD)/shian} node bench/soak.mjs; fi

$(BUILD)/bench-pdf: bench/pdf.c $(BUILD)/libshian.a
	@echo "  LINK  $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libshian.a $(LDLIBS)

$(BUILD)/bench-ledger: bench/ledger.c $(BUILD)/libshian.a
	@echo "  LINK  $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libshian.a $(LDLIBS)

$(BUILD)/bench-trace: bench/trace.c $(BUILD)/libshian.a
	@echo "  LINK  $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libshian.a $(LDLIBS)

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(NN_OBJ:.o=.d) $(VISION_OBJ:.o=.d)
