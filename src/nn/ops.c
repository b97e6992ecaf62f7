/* The operator table: every TF.js graph operator the runner implements. */
#include "nn/graph.h"

#include <string.h>

#define OP(name) int sh_op_##name(sh_nn_op *op);
OP(conv2d) OP(fused_conv2d) OP(depthwise) OP(fused_depthwise)
OP(add) OP(sub) OP(mul) OP(div) OP(maximum) OP(minimum) OP(sqdiff) OP(floordiv) OP(bias_add)
OP(relu) OP(relu6) OP(leaky_relu) OP(elu) OP(sigmoid) OP(tanh) OP(prelu)
OP(identity) OP(reshape) OP(squeeze) OP(expand_dims) OP(transpose) OP(concat) OP(split) OP(splitv)
OP(pad) OP(padv2) OP(sparse_to_dense) OP(maxpool) OP(avgpool) OP(resize_bilinear) OP(resize_nearest)
#undef OP

/* Const and Placeholder are filled in by the executor, never called. */
static int not_called(sh_nn_op *op) { return sh_nn_fail(op, "is not an operation"); }

static const sh_nn_opdef table[] = {
    {"Const", not_called, 0, 0},
    {"Placeholder", not_called, 0, 0},
    {"Conv2D", sh_op_conv2d, 2, 2},
    {"_FusedConv2D", sh_op_fused_conv2d, 3, 4},
    {"DepthwiseConv2dNative", sh_op_depthwise, 2, 2},
    {"DepthwiseConv2D", sh_op_depthwise, 2, 2},
    {"FusedDepthwiseConv2dNative", sh_op_fused_depthwise, 3, 4},
    {"Add", sh_op_add, 2, 2},
    {"AddV2", sh_op_add, 2, 2},
    {"BiasAdd", sh_op_bias_add, 2, 2},
    {"Sub", sh_op_sub, 2, 2},
    {"Mul", sh_op_mul, 2, 2},
    {"RealDiv", sh_op_div, 2, 2},
    {"Div", sh_op_div, 2, 2},
    {"FloorDiv", sh_op_floordiv, 2, 2},
    {"Maximum", sh_op_maximum, 2, 2},
    {"Minimum", sh_op_minimum, 2, 2},
    {"SquaredDifference", sh_op_sqdiff, 2, 2},
    {"Relu", sh_op_relu, 1, 1},
    {"Relu6", sh_op_relu6, 1, 1},
    {"LeakyRelu", sh_op_leaky_relu, 1, 1},
    {"Elu", sh_op_elu, 1, 1},
    {"Sigmoid", sh_op_sigmoid, 1, 1},
    {"Tanh", sh_op_tanh, 1, 1},
    {"Prelu", sh_op_prelu, 2, 2},
    {"Identity", sh_op_identity, 1, 1},
    {"Snapshot", sh_op_identity, 1, 1},
    {"StopGradient", sh_op_identity, 1, 1},
    {"Reshape", sh_op_reshape, 2, 2},
    {"Squeeze", sh_op_squeeze, 1, 1},
    {"ExpandDims", sh_op_expand_dims, 2, 2},
    {"Transpose", sh_op_transpose, 2, 2},
    {"ConcatV2", sh_op_concat, 2, -1},
    {"Split", sh_op_split, 2, 2},
    {"SplitV", sh_op_splitv, 3, 3},
    {"Pad", sh_op_pad, 2, 2},
    {"PadV2", sh_op_padv2, 3, 3},
    {"SparseToDense", sh_op_sparse_to_dense, 4, 4},
    {"MaxPool", sh_op_maxpool, 1, 1},
    {"AvgPool", sh_op_avgpool, 1, 1},
    {"ResizeBilinear", sh_op_resize_bilinear, 2, 2},
    {"ResizeNearestNeighbor", sh_op_resize_nearest, 2, 2},
};

const sh_nn_opdef *sh_nn_op_find(const char *name)
{
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (!strcmp(table[i].name, name))
            return &table[i];
    return NULL;
}
