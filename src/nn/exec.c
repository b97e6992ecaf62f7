/* Running a loaded graph: nodes in topological order, each intermediate freed after its last
 * consumer. */
#include "nn/graph.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void profile(sh_nn_stats *st, const char *op, double ms)
{
    int k = 0;
    while (k < st->n_ops && strcmp(st->by_op[k].op, op))
        k++;
    if (k == st->n_ops) {
        if (k == SH_NN_PROFILE_OPS)
            return;
        st->by_op[k].op = op;
        st->by_op[k].count = 0;
        st->by_op[k].ms = 0;
        st->n_ops++;
    }
    st->by_op[k].count++;
    st->by_op[k].ms += ms;
}

void *sh_nn_scratch(sh_nn_op *op, size_t bytes)
{
    sh_nn_model *m = op->model;
    if (bytes > m->scratch_bytes) {
        free(m->scratch);
        bytes = (bytes + 63) / 64 * 64;
        m->scratch = aligned_alloc(64, bytes);
        m->scratch_bytes = m->scratch ? bytes : 0;
    }
    return m->scratch;
}

typedef struct slot {
    sh_tensor *t;
    int refs;  /* consumers still to run, plus one per requested output */
    int owned; /* 0 for constants and caller inputs */
} slot;

typedef struct run_state {
    slot *slots;
    int *base; /* first slot of each node */
    size_t live, peak;
} run_state;

static void release(run_state *s, slot *sl)
{
    if (--sl->refs > 0 || !sl->t)
        return;
    if (sl->owned) {
        s->live -= sl->t->size * 4;
        sh_tensor_free(sl->t);
    }
    sl->t = NULL;
}

/* The slot holding the value of output name, and whether it is held as NHWC for the graph's NCHW. */
static int resolve_name(const sh_nn_model *m, const char *name, int *node, int *outslot, int *held, sh_err *err)
{
    const char *colon = strchr(name, ':');
    size_t len = colon ? (size_t)(colon - name) : strlen(name);
    int i = sh_nn_find_node(m, name, len);
    if (i < 0)
        return sh_fail(err, SH_EINVAL, "output", "the model has no node '%s'", name);
    int k = colon ? atoi(colon + 1) : 0;
    if (k < 0 || k >= m->nodes[i].n_out)
        return sh_fail(err, SH_EINVAL, "output", "node '%.*s' has no output %d", (int)len, name, k);
    *held = m->nodes[i].nchw_nhwc;
    if (m->nodes[i].bypass) { /* a no-op Transpose: its input, relabelled */
        k = m->nodes[i].alias_slot;
        i = m->nodes[i].alias;
    }
    *node = i;
    *outslot = k;
    return 0;
}

int sh_nn_model_run(sh_nn_model *m, sh_tensor *const *inputs, int n_inputs, const char *const *names, int n_names,
                    sh_tensor **ret_outputs, sh_nn_stats *stats, sh_err *err)
{
    if (n_inputs != m->n_inputs)
        return sh_fail(err, SH_EINVAL, "input", "the model takes %d inputs, %d given", m->n_inputs, n_inputs);
    for (int i = 0; i < n_inputs; i++) {
        const sh_nn_io *io = &m->inputs[i];
        const sh_tensor *t = inputs[i];
        int ok = t && t->dtype == io->dtype && (io->ndim < 0 || t->ndim == io->ndim);
        for (int d = 0; ok && io->ndim >= 0 && d < io->ndim; d++)
            ok = io->shape[d] < 0 || io->shape[d] == t->shape[d];
        if (!ok) {
            char b[64];
            return sh_fail(err, SH_EINVAL, "input", "input %s: tensor %s does not fit the model's shape or dtype", io->name,
                           t ? sh_shape_str(t, b, sizeof b) : "NULL");
        }
    }
    if (!names) {
        names = (const char *const *)m->outputs;
        n_names = m->n_outputs;
    }
    int n = m->n_nodes, rc = 0, total = 0;
    sh_tensor_pool_use(&m->pool); /* the buffers of the last run, for this one */
    run_state s = {0};
    int *want_node = calloc((size_t)n_names + 1, sizeof(int)), *want_slot = calloc((size_t)n_names + 1, sizeof(int));
    int *want_held = calloc((size_t)n_names + 1, sizeof(int));
    char *needed = calloc((size_t)n, 1);
    int *stack = malloc(((size_t)n + 1) * sizeof(int));
    s.base = malloc(((size_t)n + 1) * sizeof(int));
    if (!want_node || !want_slot || !want_held || !needed || !stack || !s.base) {
        rc = sh_fail(err, SH_EINTERNAL, "", "out of memory");
        goto out;
    }
    for (int i = 0; i < n; i++) {
        s.base[i] = total;
        total += m->nodes[i].n_out;
    }
    if (!(s.slots = calloc((size_t)total, sizeof *s.slots))) {
        rc = sh_fail(err, SH_EINTERNAL, "", "out of memory");
        goto out;
    }
    /* mark what the requested outputs depend on */
    int sp = 0;
    for (int i = 0; i < n_names; i++) {
        if ((rc = resolve_name(m, names[i], &want_node[i], &want_slot[i], &want_held[i], err)))
            goto out;
        if (m->nodes[want_node[i]].altered) {
            rc = sh_fail(err, SH_EINVAL, "output", "node '%s' was fused into a convolution at load; its value is not kept", names[i]);
            goto out;
        }
        if (!needed[want_node[i]]) {
            needed[want_node[i]] = 1;
            stack[sp++] = want_node[i];
        }
        s.slots[s.base[want_node[i]] + want_slot[i]].refs++;
    }
    while (sp) {
        const sh_nn_node *nd = &m->nodes[stack[--sp]];
        for (int k = 0; k < nd->n_in; k++)
            if (!needed[nd->in_node[k]]) {
                needed[nd->in_node[k]] = 1;
                stack[sp++] = nd->in_node[k];
            }
    }
    for (int i = 0; i < n; i++)
        if (needed[i])
            for (int k = 0; k < m->nodes[i].n_in; k++)
                s.slots[s.base[m->nodes[i].in_node[k]] + m->nodes[i].in_slot[k]].refs++;

    const sh_tensor *ins[64];
    sh_nn_stats prof = {0};
    double flops = 0;
    int ran = 0;
    for (int oi = 0; oi < n; oi++) {
        int i = m->order[oi];
        if (!needed[i])
            continue;
        sh_nn_node *nd = &m->nodes[i];
        slot *out = &s.slots[s.base[i]];
        if (nd->value) {
            out->t = nd->value;
            continue;
        }
        if (nd->input_index >= 0) {
            out->t = inputs[nd->input_index];
            continue;
        }
        if (nd->pass) { /* fused into its producer: take over the input, or copy it if shared */
            slot *in = &s.slots[s.base[nd->in_node[0]] + nd->in_slot[0]];
            if (in->owned && in->refs == 1) {
                out->t = in->t;
                in->t = NULL;
                in->owned = 0;
            } else if ((rc = sh_tensor_clone(in->t, &out->t, err))) {
                goto out;
            } else {
                s.live += out->t->size * 4;
            }
            out->owned = 1;
            if (!out->refs) {
                out->refs = 1;
                release(&s, out);
            }
            release(&s, in);
            ran++;
            continue;
        }
        if (nd->n_in > (int)(sizeof ins / sizeof *ins)) {
            rc = sh_fail(err, SH_EINVAL, "model", "node '%s' has more than 64 inputs", nd->name);
            goto out;
        }
        sh_tensor *fixed[64] = {0}; /* inputs held as NHWC that this node wants as the graph's NCHW */
        double t0 = stats ? now_ms() : 0;
        int nfix = 0;
        for (int k = 0; k < nd->n_in; k++) {
            ins[k] = s.slots[s.base[nd->in_node[k]] + nd->in_slot[k]].t;
            if (nd->in_fix && nd->in_fix[k] && !rc && !(rc = sh_nn_to_nchw(ins[k], &fixed[k], err))) {
                ins[k] = fixed[k];
                nfix++;
            }
        }
        if (stats && nfix)
            profile(&prof, "(to NCHW)", now_ms() - t0);
        sh_tensor *outs[1024] = {0};
        sh_nn_op op = {.node = nd, .in = ins, .n_in = nd->n_in, .out = outs, .n_out = nd->n_out, .err = err, .model = m};
        t0 = stats ? now_ms() : 0;
        if (!rc)
            rc = nd->def->fn(&op);
        if (stats)
            profile(&prof, nd->op, now_ms() - t0);
        for (int k = 0; k < nd->n_in; k++)
            sh_tensor_free(fixed[k]);
        if (rc) {
            for (int k = 0; k < nd->n_out; k++)
                sh_tensor_free(outs[k]);
            goto out;
        }
        for (int k = 0; k < nd->n_out; k++)
            if (!outs[k]) {
                for (int j = 0; j < nd->n_out; j++)
                    sh_tensor_free(outs[j]);
                rc = sh_fail(err, SH_EINTERNAL, "model", "node '%s' (%s) produced no output %d", nd->name, nd->op, k);
                goto out;
            }
        ran++;
        flops += op.flops;
        for (int k = 0; k < nd->n_out; k++) {
            out[k].t = outs[k];
            out[k].owned = 1;
            s.live += outs[k]->size * 4;
        }
        if (s.live > s.peak)
            s.peak = s.live;
        for (int k = 0; k < nd->n_out; k++)
            if (!out[k].refs) { /* an output nobody reads */
                out[k].refs = 1;
                release(&s, &out[k]);
            }
        for (int k = 0; k < nd->n_in; k++)
            release(&s, &s.slots[s.base[nd->in_node[k]] + nd->in_slot[k]]);
    }
    /* hand over the outputs: move a tensor the run owns, copy one it borrowed or gives twice */
    for (int i = 0; i < n_names; i++) {
        slot *sl = &s.slots[s.base[want_node[i]] + want_slot[i]];
        if (want_held[i]) { /* the graph's NCHW tensor, from the one held as NHWC */
            if ((rc = sh_nn_to_nchw(sl->t, &ret_outputs[i], err))) {
                for (int k = 0; k < i; k++)
                    sh_tensor_free(ret_outputs[k]);
                goto out;
            }
            release(&s, sl);
        } else if (sl->owned && sl->refs == 1) {
            ret_outputs[i] = sl->t;
            sl->t = NULL;
            sl->refs = 0;
        } else if ((rc = sh_tensor_clone(sl->t, &ret_outputs[i], err))) {
            for (int k = 0; k < i; k++)
                sh_tensor_free(ret_outputs[k]);
            goto out;
        } else {
            sl->refs--;
        }
    }
    if (stats) {
        *stats = prof;
        stats->flops = flops;
        stats->peak_bytes = s.peak;
        stats->nodes_run = ran;
    }
out:
    if (s.slots)
        for (int i = 0; i < total; i++)
            if (s.slots[i].owned)
                sh_tensor_free(s.slots[i].t);
    free(s.slots);
    free(s.base);
    free(want_node);
    free(want_slot);
    free(want_held);
    free(needed);
    free(stack);
    sh_tensor_pool_use(NULL);
    return rc;
}
