/* TF.js graph models (model.json + weight shards) loaded and run on the CPU.
 *
 *   sh_nn_model *m; sh_err err;
 *   sh_nn_model_load("nanodet.json", &m, &err);        // topology, weights, operator check
 *   sh_tensor *in = ...;                                // shaped as sh_nn_model_input(m, 0)
 *   sh_tensor *out[6];
 *   sh_nn_model_run(m, &in, 1, NULL, 0, out, NULL, &err); // NULL names: the model's own outputs
 *
 * The format: modelTopology is a TensorFlow GraphDef as JSON (node name, op, inputs such as "x",
 * "x:1" and "^ctrl", attrs), weightsManifest lists groups of weights (name, shape, dtype, optional
 * quantization float16 / uint8 / uint16) stored back to back in the group's shard files, which sit
 * beside model.json. Every operator of the graph must be one the runner implements, or loading
 * fails naming the node and the operator. The model owns its constants; a run owns nothing after it
 * returns but the outputs it hands to the caller. A model may be run by one thread at a time. */
#ifndef SH_NN_MODEL_H
#define SH_NN_MODEL_H

#include "core/err.h"
#include "nn/tensor.h"

typedef struct sh_nn_model sh_nn_model;

/* A graph input (Placeholder): its name and shape, -1 where the model leaves a dimension open. */
typedef struct sh_nn_io {
    const char *name;
    sh_dtype dtype;
    int ndim;
    int shape[SH_NN_MAXDIM];
} sh_nn_io;

/* Figures of one run. */
#define SH_NN_PROFILE_OPS 48
typedef struct sh_nn_stats {
    double flops;        /* floating-point operations of the convolutions (2 per multiply-add) */
    size_t peak_bytes;   /* most bytes of intermediate tensors alive at once */
    int nodes_run;
    int n_ops;           /* wall time by operator, in order of first appearance */
    struct {
        const char *op;
        int count;
        double ms;
    } by_op[SH_NN_PROFILE_OPS];
} sh_nn_stats;

/* Limits on what a model file may ask for. */
#define SH_NN_MAX_NODES 100000
#define SH_NN_MAX_WEIGHT_BYTES ((size_t)1 << 30)

int sh_nn_model_load(const char *json_path, sh_nn_model **ret_m, sh_err *err);
void sh_nn_model_free(sh_nn_model *m);

int sh_nn_model_n_inputs(const sh_nn_model *m);
const sh_nn_io *sh_nn_model_input(const sh_nn_model *m, int i);
/* The model's outputs: the signature's if model.json has one, else every non-constant node that no
 * other node consumes, in graph order. Names are "node" or "node:k". */
int sh_nn_model_n_outputs(const sh_nn_model *m);
const char *sh_nn_model_output(const sh_nn_model *m, int i);
/* Number of nodes by operator, for diagnostics: fills up to max (op, count) pairs. */
int sh_nn_model_op_counts(const sh_nn_model *m, const char **ops, int *counts, int max);

/* Runs the graph: inputs in the order of sh_nn_model_input; outputs named by names (n_names of
 * them), or the model's outputs when names is NULL. Only the nodes the outputs depend on run; each
 * intermediate tensor is freed as soon as its last consumer has run. On success ret_outputs[i]
 * belongs to the caller (sh_tensor_free); on failure nothing is returned and err names the node. */
int sh_nn_model_run(sh_nn_model *m, sh_tensor *const *inputs, int n_inputs, const char *const *names, int n_names,
                    sh_tensor **ret_outputs, sh_nn_stats *stats, sh_err *err);

#endif
