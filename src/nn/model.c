/* Loading a TF.js graph model: the topology from model.json (nodes, inputs, order, outputs); the
 * weights are read by weights.c. */
#include "nn/graph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MODEL_FIELD "model"

static int name_cmp(const void *a, const void *b)
{
    return strcmp(((const sh_nn_name_ix *)a)->name, ((const sh_nn_name_ix *)b)->name);
}

int sh_nn_find_node(const sh_nn_model *m, const char *name, size_t len)
{
    char key[512];
    if (len >= sizeof key || !m->by_name)
        return -1;
    memcpy(key, name, len);
    key[len] = 0;
    sh_nn_name_ix probe = {key, 0};
    const sh_nn_name_ix *hit = bsearch(&probe, m->by_name, (size_t)m->n_nodes, sizeof *hit, name_cmp);
    return hit ? hit->ix : -1;
}

void sh_nn_model_free(sh_nn_model *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->n_nodes; i++) {
        free(m->nodes[i].in_node);
        free(m->nodes[i].in_slot);
        free(m->nodes[i].ctrl_node);
        free(m->nodes[i].in_fix);
        free(m->nodes[i].wino);
        sh_tensor_free(m->nodes[i].value);
    }
    for (int i = 0; i < m->n_outputs; i++)
        free(m->outputs[i]);
    free(m->outputs);
    free(m->inputs);
    free(m->nodes);
    free(m->by_name);
    free(m->order);
    free(m->scratch);
    sh_tensor_pool_drain(&m->pool);
    json_decref(m->root);
    free(m);
}

static int topo_sort(sh_nn_model *m, sh_err *err)
{
    int n = m->n_nodes;
    if (n < 1 || n > SH_NN_MAX_NODES)
        return sh_fail(err, SH_EINVAL, MODEL_FIELD, "bad node count");
    int *indeg = calloc((size_t)n, sizeof *indeg), *cnt = calloc((size_t)n + 1, sizeof *cnt);
    m->order = malloc((size_t)n * sizeof *m->order);
    int total = 0;
    for (int i = 0; i < n; i++)
        total += m->nodes[i].n_in + m->nodes[i].n_ctrl;
    int *adj = malloc(((size_t)total + 1) * sizeof *adj);
    if (!indeg || !cnt || !m->order || !adj) {
        free(indeg), free(cnt), free(adj);
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    }
    /* consumer lists in CSR form: cnt[p] .. cnt[p+1] */
    for (int i = 0; i < n; i++) {
        sh_nn_node *nd = &m->nodes[i];
        for (int k = 0; k < nd->n_in; k++)
            cnt[nd->in_node[k] + 1]++;
        for (int k = 0; k < nd->n_ctrl; k++)
            cnt[nd->ctrl_node[k] + 1]++;
        indeg[i] = nd->n_in + nd->n_ctrl;
    }
    for (int i = 0; i < n; i++)
        cnt[i + 1] += cnt[i];
    int *fill = calloc((size_t)n, sizeof *fill);
    if (!fill) {
        free(indeg), free(cnt), free(adj);
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    }
    for (int i = 0; i < n; i++) {
        sh_nn_node *nd = &m->nodes[i];
        for (int k = 0; k < nd->n_in; k++)
            adj[cnt[nd->in_node[k]] + fill[nd->in_node[k]]++] = i;
        for (int k = 0; k < nd->n_ctrl; k++)
            adj[cnt[nd->ctrl_node[k]] + fill[nd->ctrl_node[k]]++] = i;
    }
    int head = 0, tail = 0;
    for (int i = 0; i < n; i++)
        if (!indeg[i])
            m->order[tail++] = i;
    while (head < tail) {
        int p = m->order[head++];
        for (int e = cnt[p]; e < cnt[p + 1]; e++)
            if (--indeg[adj[e]] == 0)
                m->order[tail++] = adj[e];
    }
    free(indeg), free(cnt), free(adj), free(fill);
    if (tail != n)
        return sh_fail(err, SH_EINVAL, MODEL_FIELD, "the graph has a cycle");
    return 0;
}

static int add_output(sh_nn_model *m, const char *name, sh_err *err)
{
    char **o = realloc(m->outputs, (size_t)(m->n_outputs + 1) * sizeof *o);
    if (!o)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    m->outputs = o;
    if (!(o[m->n_outputs] = strdup(name)))
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    m->n_outputs++;
    return 0;
}

static int find_outputs(sh_nn_model *m, sh_err *err)
{
    json_t *sig = json_object_get(m->root, "signature");
    if (!sig)
        sig = json_object_get(json_object_get(m->root, "userDefinedMetadata"), "signature");
    json_t *outs = json_object_get(sig, "outputs");
    if (json_is_object(outs) && json_object_size(outs)) {
        const char *key;
        json_t *v;
        json_object_foreach(outs, key, v) {
            const char *nm = json_string_value(json_object_get(v, "name"));
            int rc = add_output(m, nm ? nm : key, err);
            if (rc)
                return rc;
        }
        return 0;
    }
    char *used = calloc((size_t)m->n_nodes, 1);
    if (!used)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    for (int i = 0; i < m->n_nodes; i++)
        for (int k = 0; k < m->nodes[i].n_in; k++)
            used[m->nodes[i].in_node[k]] = 1;
    int rc = 0;
    for (int i = 0; i < m->n_nodes && !rc; i++)
        if (!used[i] && strcmp(m->nodes[i].op, "Const") != 0)
            rc = add_output(m, m->nodes[i].name, err);
    free(used);
    return rc;
}

static int parse_placeholder(sh_nn_model *m, sh_nn_node *nd, sh_err *err)
{
    sh_nn_io *io = realloc(m->inputs, (size_t)(m->n_inputs + 1) * sizeof *io);
    if (!io)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    m->inputs = io;
    io = &m->inputs[m->n_inputs];
    memset(io, 0, sizeof *io);
    io->name = nd->name;
    const char *dt = json_string_value(json_object_get(json_object_get(nd->attr, "dtype"), "type"));
    io->dtype = dt && !strcmp(dt, "DT_INT32") ? SH_I32 : SH_F32;
    json_t *dims = json_object_get(json_object_get(json_object_get(nd->attr, "shape"), "shape"), "dim");
    io->ndim = -1; /* unknown rank */
    if (json_is_array(dims)) {
        if (json_array_size(dims) > SH_NN_MAXDIM)
            return sh_fail(err, SH_EINVAL, MODEL_FIELD, "input %s has too many dimensions", nd->name);
        io->ndim = (int)json_array_size(dims);
        for (int i = 0; i < io->ndim; i++) {
            json_t *s = json_object_get(json_array_get(dims, (size_t)i), "size");
            io->shape[i] = s ? atoi(json_string_value(s) ? json_string_value(s) : "-1") : -1;
            if (json_is_integer(s))
                io->shape[i] = (int)json_integer_value(s);
        }
    }
    nd->input_index = m->n_inputs++;
    return 0;
}

static int parse_nodes(sh_nn_model *m, json_t *jnodes, sh_err *err)
{
    size_t n = json_array_size(jnodes);
    if (!n || n > SH_NN_MAX_NODES)
        return sh_fail(err, SH_EINVAL, MODEL_FIELD, "modelTopology.node must list 1 to %d nodes", SH_NN_MAX_NODES);
    m->nodes = calloc(n, sizeof *m->nodes);
    sh_nn_name_ix *ix = m->by_name = calloc(n, sizeof *ix);
    if (!m->nodes || !ix)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    m->n_nodes = (int)n;
    for (size_t i = 0; i < n; i++) {
        json_t *jn = json_array_get(jnodes, i);
        sh_nn_node *nd = &m->nodes[i];
        nd->name = json_string_value(json_object_get(jn, "name"));
        nd->op = json_string_value(json_object_get(jn, "op"));
        if (!nd->name || !nd->op)
            return sh_fail(err, SH_EINVAL, MODEL_FIELD, "node %zu has no name or op", i);
        nd->attr = json_object_get(jn, "attr");
        nd->input_index = -1;
        ix[i] = (sh_nn_name_ix){nd->name, (int)i};
    }
    qsort(ix, n, sizeof *ix, name_cmp);
    for (size_t i = 1; i < n; i++)
        if (!strcmp(ix[i].name, ix[i - 1].name))
            return sh_fail(err, SH_EINVAL, MODEL_FIELD, "two nodes are named '%s'", ix[i].name);
    for (size_t i = 0; i < n; i++) {
        sh_nn_node *nd = &m->nodes[i];
        nd->def = sh_nn_op_find(nd->op);
        if (!nd->def)
            return sh_fail(err, SH_EINVAL, MODEL_FIELD, "node '%s': operator '%s' is not supported", nd->name, nd->op);
        nd->n_out = 1;
        if (!strcmp(nd->op, "Split") || !strcmp(nd->op, "SplitV")) {
            nd->n_out = sh_attr_int(nd, "num_split", 0);
            if (nd->n_out < 1 || nd->n_out > 1024)
                return sh_fail(err, SH_EINVAL, MODEL_FIELD, "node '%s': num_split must be 1 to 1024", nd->name);
        }
        json_t *ins = json_object_get(json_array_get(jnodes, i), "input");
        size_t ni = json_array_size(ins);
        nd->in_node = calloc(ni + 1, sizeof(int));
        nd->in_slot = calloc(ni + 1, sizeof(int));
        nd->ctrl_node = calloc(ni + 1, sizeof(int));
        if (!nd->in_node || !nd->in_slot || !nd->ctrl_node)
            return sh_fail(err, SH_EINTERNAL, "", "out of memory");
        for (size_t k = 0; k < ni; k++) {
            const char *s = json_string_value(json_array_get(ins, k));
            if (!s)
                return sh_fail(err, SH_EINVAL, MODEL_FIELD, "node '%s': input %zu is not a string", nd->name, k);
            int ctrl = s[0] == '^';
            if (ctrl)
                s++;
            const char *colon = strchr(s, ':');
            size_t len = colon ? (size_t)(colon - s) : strlen(s);
            int p = sh_nn_find_node(m, s, len);
            if (p < 0)
                return sh_fail(err, SH_EINVAL, MODEL_FIELD, "node '%s': input '%s' names no node", nd->name, s);
            if (ctrl) {
                nd->ctrl_node[nd->n_ctrl++] = p;
                continue;
            }
            nd->in_node[nd->n_in] = p;
            nd->in_slot[nd->n_in] = colon ? atoi(colon + 1) : 0;
            nd->n_in++;
        }
        if (nd->n_in < nd->def->min_in || (nd->def->max_in >= 0 && nd->n_in > nd->def->max_in))
            return sh_fail(err, SH_EINVAL, MODEL_FIELD, "node '%s' (%s) has %d inputs", nd->name, nd->op, nd->n_in);
        if (!strcmp(nd->op, "Placeholder")) {
            int rc = parse_placeholder(m, nd, err);
            if (rc)
                return rc;
        }
    }
    /* an input "x:k" must name an output x has */
    for (int i = 0; i < m->n_nodes; i++)
        for (int k = 0; k < m->nodes[i].n_in; k++) {
            const sh_nn_node *p = &m->nodes[m->nodes[i].in_node[k]];
            if (m->nodes[i].in_slot[k] < 0 || m->nodes[i].in_slot[k] >= p->n_out)
                return sh_fail(err, SH_EINVAL, MODEL_FIELD, "node '%s': input %d asks for output %d of '%s', which has %d", m->nodes[i].name,
                               k, m->nodes[i].in_slot[k], p->name, p->n_out);
        }
    return 0;
}

int sh_nn_model_load(const char *json_path, sh_nn_model **ret_m, sh_err *err)
{
    sh_nn_model *m = calloc(1, sizeof *m);
    if (!m)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    json_error_t je;
    m->root = json_load_file(json_path, JSON_REJECT_DUPLICATES, &je);
    if (!m->root) {
        free(m);
        return sh_fail(err, SH_EINVAL, MODEL_FIELD, "%s: %s (line %d)", json_path, je.text, je.line);
    }
    int rc;
    json_t *jnodes = json_object_get(json_object_get(m->root, "modelTopology"), "node");
    if (!json_is_array(jnodes)) {
        rc = sh_fail(err, SH_EINVAL, MODEL_FIELD, "%s is not a TF.js graph model (no modelTopology.node)", json_path);
        goto out;
    }
    if ((rc = parse_nodes(m, jnodes, err)))
        goto out;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", json_path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    else
        strcpy(dir, ".");
    if ((rc = sh_nn_load_weights(m, dir, err)))
        goto out;
    for (int i = 0; i < m->n_nodes; i++)
        if (!strcmp(m->nodes[i].op, "Const") && !m->nodes[i].value) {
            rc = sh_fail(err, SH_EINVAL, MODEL_FIELD, "Const node '%s' has no weight in weightsManifest", m->nodes[i].name);
            goto out;
        }
    if ((rc = topo_sort(m, err)) || (rc = find_outputs(m, err)))
        goto out;
    sh_nn_layout(m);
    sh_nn_fuse(m);
    sh_nn_wino_prepare(m);
out:
    if (rc) {
        sh_nn_model_free(m);
        return rc;
    }
    *ret_m = m;
    return 0;
}

int sh_nn_model_n_inputs(const sh_nn_model *m) { return m->n_inputs; }
const sh_nn_io *sh_nn_model_input(const sh_nn_model *m, int i) { return i >= 0 && i < m->n_inputs ? &m->inputs[i] : NULL; }
int sh_nn_model_n_outputs(const sh_nn_model *m) { return m->n_outputs; }
const char *sh_nn_model_output(const sh_nn_model *m, int i) { return i >= 0 && i < m->n_outputs ? m->outputs[i] : NULL; }

int sh_nn_model_op_counts(const sh_nn_model *m, const char **ops, int *counts, int max)
{
    int n = 0;
    for (int i = 0; i < m->n_nodes; i++) {
        int k = 0;
        while (k < n && strcmp(ops[k], m->nodes[i].op))
            k++;
        if (k == n) {
            if (n == max)
                continue;
            ops[n] = m->nodes[i].op;
            counts[n++] = 0;
        }
        counts[k]++;
    }
    return n;
}
