# shian — plain GNU Make with pkg-config.
#   make            build build/shian
#   make run        install dependencies, build, create the demo county if needed, serve on :8080
#   make test       install dependencies, build with ASan+UBSan, run every test
#   make bench      run the benchmarks (prints figures)
#   make SANITIZE=address,undefined   sanitized build (into build/san)

CC      ?= cc
PKGS    := libmicrohttpd jansson sqlite3 libsodium xlsxwriter libxml-2.0
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 \
           -Wno-format-nonliteral -Wno-format-truncation -Isrc -Ibuild/gen $(shell pkg-config --cflags $(PKGS))
LDLIBS  += $(shell pkg-config --libs $(PKGS)) -lcsv -lpthread -lm

ifdef SANITIZE
BUILD   ?= build/san
CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
else
BUILD   ?= build/rel
endif

LIB_SRC := $(wildcard src/core/*.c src/store/*.c src/domain/*.c src/http/*.c)
CLI_SRC := $(wildcard src/cli/*.c)
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/gen/migrations.o $(BUILD)/gen/data.o
CLI_OBJ := $(CLI_SRC:src/%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
MIGRATIONS := $(sort $(wildcard db/*.sql))

.PHONY: all deps run test unit bench clean demo
all: $(BUILD)/shian
	@ln -sf $(notdir $(BUILD))/shian build/shian

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
	@scripts/embed-migrations.sh $(MIGRATIONS) > $@

DATA_FILES := $(sort $(wildcard data/*.csv data/*/*.csv))
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

deps:
	@scripts/deps.sh run

run: deps all
	build/shian serve --demo-if-empty

test:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory SANITIZE=address,undefined all unit
	@scripts/run-tests.sh build/san

bench:
	@scripts/deps.sh bench
	@$(MAKE) --no-print-directory all
	@bench/run.sh

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
