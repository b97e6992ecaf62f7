/* Internal to nn/: the loaded graph and the operator interface the kernels implement. */
#ifndef SH_NN_GRAPH_H
#define SH_NN_GRAPH_H

#include <jansson.h>

#include "nn/model.h"

struct sh_nn_opdef;

typedef struct sh_nn_node {
    const char *name; /* borrowed from the model's JSON */
    const char *op;
    json_t *attr;     /* borrowed; may be NULL */
    int n_in;         /* data inputs */
    int *in_node;     /* producer node index of each input */
    int *in_slot;     /* producer output index ("x:1" -> 1) */
    int n_ctrl;       /* "^name" control inputs: ordering only */
    int *ctrl_node;
    int n_out;
    const struct sh_nn_opdef *def;
    sh_tensor *value; /* Const: the weight, owned by the model */
    int input_index;  /* Placeholder: position among the model's inputs, else -1 */
    /* set by the fusion pass at load (fuse.c) */
    const float *fuse_bias; /* a convolution adds this bias (borrowed from a Const) */
    int fuse_act;           /* sh_act the convolution applies after the bias */
    float fuse_alpha;
    int pass;               /* the node hands its input through: its work was fused into a producer */
    int altered;            /* its output is no longer what the graph says (refused as a run output) */
    float *wino;            /* a 3x3 stride-1 Conv2D's filter transformed for Winograd (winograd.c), owned */
    int fuse_pad[4];        /* a zero Pad (or PadV2 before a MaxPool) folded in: top, bottom, left, right */
    int has_pad;
    float pad_value;
    /* set by the layout pass at load (layout.c) */
    int nchw_nhwc;          /* its outputs are 4-D NCHW tensors of the graph held in memory as NHWC */
    unsigned char *in_fix;  /* per input (or NULL): held as NHWC, wanted as the graph's NCHW (transposed at run) */
    int bypass;             /* a Transpose the layout made a no-op: its value is alias's output alias_slot */
    int alias, alias_slot;
} sh_nn_node;

typedef struct sh_nn_name_ix {
    const char *name;
    int ix;
} sh_nn_name_ix;

struct sh_nn_model {
    json_t *root;
    sh_nn_node *nodes;
    int n_nodes;
    sh_nn_name_ix *by_name; /* nodes sorted by name */
    int *order; /* topological order of all nodes */
    void *scratch; /* working memory the kernels share (sh_nn_scratch), kept from run to run */
    size_t scratch_bytes;
    sh_tensor_pool pool; /* the run's freed tensor buffers, for the next run (tensor.c) */
    sh_nn_io *inputs;
    int n_inputs;
    char **outputs;
    int n_outputs;
};

/* What a kernel sees: its node (attrs), input tensors, and slots for its outputs, which it
 * allocates. It adds the floating-point work it did to flops. */
typedef struct sh_nn_op {
    const sh_nn_node *node;
    const sh_tensor *const *in;
    int n_in;
    sh_tensor **out;
    int n_out;
    double flops;
    sh_err *err;
    sh_nn_model *model;
} sh_nn_op;

/* Working memory for the running kernel, at least bytes, 64-byte aligned, valid until it returns;
 * kept by the model so that every run does not map and fault in fresh pages. NULL without memory. */
void *sh_nn_scratch(sh_nn_op *op, size_t bytes);

typedef int (*sh_nn_opfn)(sh_nn_op *op);

typedef struct sh_nn_opdef {
    const char *name;
    sh_nn_opfn fn;
    int min_in, max_in; /* accepted number of data inputs; max_in -1: any */
} sh_nn_opdef;

/* Index of the node named by the first len bytes of name, or -1. */
int sh_nn_find_node(const sh_nn_model *m, const char *name, size_t len);
/* Reads weightsManifest's shards from dir into the Const nodes (weights.c). */
int sh_nn_load_weights(sh_nn_model *m, const char *dir, sh_err *err);

/* Chooses where NCHW tensors of the graph are held as NHWC so that Transpose pairs become no-ops
 * (layout.c); runs before sh_nn_fuse. */
void sh_nn_layout(sh_nn_model *m);
/* A logical NCHW axis (0..3) of a tensor held as NHWC: its axis in memory. */
static inline int sh_nn_phys_axis(int a) { return a == 1 ? 3 : a >= 2 ? a - 1 : a; }
/* The graph's NCHW tensor from one held as NHWC (a new tensor). */
int sh_nn_to_nchw(const sh_tensor *x, sh_tensor **ret, sh_err *err);
/* dst[b][c][r] = src[b][r][c] for 4-byte elements. */
void sh_nn_transpose2d(const uint32_t *src, uint32_t *dst, size_t batch, size_t rows, size_t cols);

/* Folds bias additions and activations into the convolutions that feed them (see fuse.c). */
void sh_nn_fuse(sh_nn_model *m);

/* Transforms the filters of the convolutions Winograd's F(4x4, 3x3) suits (winograd.c). */
void sh_nn_wino_prepare(sh_nn_model *m);

/* The operator named name, or NULL when the runner has none. */
const sh_nn_opdef *sh_nn_op_find(const char *name);

/* Fails the running operator with a message prefixed by its node and op; returns SH_EINVAL. */
int sh_nn_fail(sh_nn_op *op, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Attributes of a node (GraphDef JSON: {"i":"2"}, {"f":0.1}, {"b":true}, {"s":base64},
 * {"list":{"i":[...]}}, {"list":{"s":[...]}}). Each returns def when the attribute is absent. */
int sh_attr_int(const sh_nn_node *n, const char *key, int def);
float sh_attr_float(const sh_nn_node *n, const char *key, float def);
int sh_attr_bool(const sh_nn_node *n, const char *key, int def);
/* Decoded string into buf; returns 0, or -1 when absent or not a string. */
int sh_attr_str(const sh_nn_node *n, const char *key, char *buf, size_t len);
/* Integer list into out (at most max); returns the count, or -1 when absent. */
int sh_attr_ints(const sh_nn_node *n, const char *key, int *out, int max);
/* idx-th string of a string list into buf; returns 0, or -1 when absent. */
int sh_attr_list_str(const sh_nn_node *n, const char *key, int idx, char *buf, size_t len);

/* Activations shared by the fused kernels and the element-wise operators. */
typedef enum sh_act { SH_ACT_NONE, SH_ACT_RELU, SH_ACT_RELU6, SH_ACT_LEAKY, SH_ACT_ELU, SH_ACT_SIGMOID, SH_ACT_TANH, SH_ACT_PRELU } sh_act;
/* Applies act in place to rows of `channels` floats; alpha for LeakyRelu, prelu per channel. */
void sh_nn_activate(float *p, size_t n, sh_act act, float alpha, const float *prelu, int channels);

/* Bilinear resize of an NHWC float tensor with TensorFlow's semantics; used by the operator and by
 * model pre-processing. */
int sh_nn_resize_bilinear(const sh_tensor *x, int oh, int ow, int align_corners, int half_pixel, sh_tensor **ret, sh_err *err);

/* Model pre-processing: an RGB image (w x h, 3 bytes a pixel, rows of stride bytes) as a [1,side,side,3]
 * float tensor of 0..255 values, resized bilinearly as tf.image.resizeBilinear does by default. */
int sh_nn_rgb_resized(const uint8_t *rgb, int w, int h, int stride, int side, sh_tensor **ret, sh_err *err);

#endif
