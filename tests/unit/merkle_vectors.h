/* Generated from github:transparency-dev/merkle at commit 417fb0c314750d94e53942e9f92e79b6d35915db (Apache-2.0):
 * every file under testdata/inclusion and testdata/consistency, each vector as its JSON text without "desc". */
static const char *const inclusion_vectors[] = {
    /* inclusion/0/empty-root.json */
    "{\"leafIdx\":0,\"treeSize\":1,\"root\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":null,\"wantErr\":true}",
    /* inclusion/0/happy-path.json */
    "{\"leafIdx\":0,\"treeSize\":1,\"root\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":null,\"wantErr\":false}",
    /* inclusion/0/leafIdx-XOR-@2.json */
    "{\"leafIdx\":2,\"treeSize\":1,\"root\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":null,\"wantErr\":true}",
    /* inclusion/0/leafIdx-plus-@1.json */
    "{\"leafIdx\":1,\"treeSize\":1,\"root\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":null,\"wantErr\":true}",
    /* inclusion/0/leafIdx-sub-@1.json */
    "{\"leafIdx\":18446744073709551615,\"treeSize\":1,\"root\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":null,\"wantErr\":true}",
    /* inclusion/0/preceding-garbage.json */
    "{\"leafIdx\":0,\"treeSize\":1,\"root\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"\"],\"wantErr\":true}",
    /* inclusion/0/preceding-root.json */
    "{\"leafIdx\":0,\"treeSize\":1,\"root\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\"],\"wantErr\":true}",
    /* inclusion/0/random-root.json */
    "{\"leafIdx\":0,\"treeSize\":1,\"root\":\"q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":null,\"wantErr\":true}",
    /* inclusion/0/trailing-garbage.json */
    "{\"leafIdx\":0,\"treeSize\":1,\"root\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"\"],\"wantErr\":true}",
    /* inclusion/0/trailing-root.json */
    "{\"leafIdx\":0,\"treeSize\":1,\"root\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\"],\"wantErr\":true}",
    /* inclusion/0/treeSize-div-@2.json */
    "{\"leafIdx\":0,\"treeSize\":0,\"root\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":null,\"wantErr\":true}",
    /* inclusion/0/treeSize-mul-@2.json */
    "{\"leafIdx\":0,\"treeSize\":2,\"root\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":null,\"wantErr\":true}",
    /* inclusion/0/wrong-leaf.json */
    "{\"leafIdx\":0,\"treeSize\":1,\"root\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"leafHash\":\"V3JvbmdMZWFm\",\"proof\":null,\"wantErr\":true}",
    /* inclusion/1/empty-root.json */
    "{\"leafIdx\":0,\"treeSize\":8,\"root\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* inclusion/1/happy-path.json */
    "{\"leafIdx\":0,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":false}",
    /* inclusion/1/inserted-component.json */
    "{\"leafIdx\":0,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* inclusion/1/leafIdx-XOR-@2.json */
    "{\"leafIdx\":2,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* inclusion/1/leafIdx-plus-@1.json */
    "{\"leafIdx\":1,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* inclusion/1/leafIdx-sub-@1.json */
    "{\"leafIdx\":18446744073709551615,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* inclusion/1/modified-proof[0]-bit-@3.json */
    "{\"leafIdx\":0,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"nqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* inclusion/1/modified-proof[1]-bit-@3.json */
    "{\"leafIdx\":0,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Vwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* inclusion/1/modified-proof[2]-bit-@3.json */
    "{\"leafIdx\":0,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"Y0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* inclusion/1/preceding-garbage.json */
    "{\"leafIdx\":0,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"\",\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* inclusion/1/preceding-root.json */
    "{\"leafIdx\":0,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* inclusion/1/random-root.json */
    "{\"leafIdx\":0,\"treeSize\":8,\"root\":\"q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* inclusion/1/removed-component.json */
    "{\"leafIdx\":0,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\"],\"wantErr\":true}",
    /* inclusion/1/trailing-garbage.json */
    "{\"leafIdx\":0,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\",\"\"],\"wantErr\":true}",
    /* inclusion/1/trailing-root.json */
    "{\"leafIdx\":0,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\",\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\"],\"wantErr\":true}",
    /* inclusion/1/treeSize-div-@2.json */
    "{\"leafIdx\":0,\"treeSize\":4,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* inclusion/1/treeSize-mul-@2.json */
    "{\"leafIdx\":0,\"treeSize\":16,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* inclusion/1/wrong-leaf.json */
    "{\"leafIdx\":0,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"V3JvbmdMZWFm\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* inclusion/2/empty-root.json */
    "{\"leafIdx\":5,\"treeSize\":8,\"root\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* inclusion/2/happy-path.json */
    "{\"leafIdx\":5,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":false}",
    /* inclusion/2/inserted-component.json */
    "{\"leafIdx\":5,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* inclusion/2/leafIdx-XOR-@2.json */
    "{\"leafIdx\":7,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* inclusion/2/leafIdx-plus-@1.json */
    "{\"leafIdx\":6,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* inclusion/2/leafIdx-sub-@1.json */
    "{\"leafIdx\":4,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* inclusion/2/modified-proof[0]-bit-@3.json */
    "{\"leafIdx\":5,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"tBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* inclusion/2/modified-proof[1]-bit-@3.json */
    "{\"leafIdx\":5,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"woVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* inclusion/2/modified-proof[2]-bit-@3.json */
    "{\"leafIdx\":5,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"237kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* inclusion/2/preceding-garbage.json */
    "{\"leafIdx\":5,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* inclusion/2/preceding-root.json */
    "{\"leafIdx\":5,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* inclusion/2/random-root.json */
    "{\"leafIdx\":5,\"treeSize\":8,\"root\":\"q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* inclusion/2/removed-component.json */
    "{\"leafIdx\":5,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\"],\"wantErr\":true}",
    /* inclusion/2/trailing-garbage.json */
    "{\"leafIdx\":5,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\",\"\"],\"wantErr\":true}",
    /* inclusion/2/trailing-root.json */
    "{\"leafIdx\":5,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\",\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\"],\"wantErr\":true}",
    /* inclusion/2/treeSize-div-@2.json */
    "{\"leafIdx\":5,\"treeSize\":4,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* inclusion/2/treeSize-mul-@2.json */
    "{\"leafIdx\":5,\"treeSize\":16,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=\",\"proof\":[\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* inclusion/2/wrong-leaf.json */
    "{\"leafIdx\":5,\"treeSize\":8,\"root\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"leafHash\":\"V3JvbmdMZWFm\",\"proof\":[\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* inclusion/3/empty-root.json */
    "{\"leafIdx\":2,\"treeSize\":3,\"root\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leafHash\":\"ApjRIpBtz8EIkstTpzmS/FufST6kybrbJ7eRtBJ6f+c=\",\"proof\":[\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\"],\"wantErr\":true}",
    /* inclusion/3/happy-path.json */
    "{\"leafIdx\":2,\"treeSize\":3,\"root\":\"rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\",\"leafHash\":\"ApjRIpBtz8EIkstTpzmS/FufST6kybrbJ7eRtBJ6f+c=\",\"proof\":[\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\"],\"wantErr\":false}",
    /* inclusion/3/leafIdx-XOR-@2.json */
    "{\"leafIdx\":0,\"treeSize\":3,\"root\":\"rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\",\"leafHash\":\"ApjRIpBtz8EIkstTpzmS/FufST6kybrbJ7eRtBJ6f+c=\",\"proof\":[\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\"],\"wantErr\":true}",
    /* inclusion/3/leafIdx-plus-@1.json */
    "{\"leafIdx\":3,\"treeSize\":3,\"root\":\"rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\",\"leafHash\":\"ApjRIpBtz8EIkstTpzmS/FufST6kybrbJ7eRtBJ6f+c=\",\"proof\":[\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\"],\"wantErr\":true}",
    /* inclusion/3/leafIdx-sub-@1.json */
    "{\"leafIdx\":1,\"treeSize\":3,\"root\":\"rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\",\"leafHash\":\"ApjRIpBtz8EIkstTpzmS/FufST6kybrbJ7eRtBJ6f+c=\",\"proof\":[\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\"],\"wantErr\":true}",
    /* inclusion/3/modified-proof[0]-bit-@3.json */
    "{\"leafIdx\":2,\"treeSize\":3,\"root\":\"rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\",\"leafHash\":\"ApjRIpBtz8EIkstTpzmS/FufST6kybrbJ7eRtBJ6f+c=\",\"proof\":[\"8sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\"],\"wantErr\":true}",
    /* inclusion/3/preceding-garbage.json */
    "{\"leafIdx\":2,\"treeSize\":3,\"root\":\"rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\",\"leafHash\":\"ApjRIpBtz8EIkstTpzmS/FufST6kybrbJ7eRtBJ6f+c=\",\"proof\":[\"\",\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\"],\"wantErr\":true}",
    /* inclusion/3/preceding-root.json */
    "{\"leafIdx\":2,\"treeSize\":3,\"root\":\"rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\",\"leafHash\":\"ApjRIpBtz8EIkstTpzmS/FufST6kybrbJ7eRtBJ6f+c=\",\"proof\":[\"rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\",\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\"],\"wantErr\":true}",
    /* inclusion/3/random-root.json */
    "{\"leafIdx\":2,\"treeSize\":3,\"root\":\"q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\",\"leafHash\":\"ApjRIpBtz8EIkstTpzmS/FufST6kybrbJ7eRtBJ6f+c=\",\"proof\":[\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\"],\"wantErr\":true}",
    /* inclusion/3/removed-component.json */
    "{\"leafIdx\":2,\"treeSize\":3,\"root\":\"rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\",\"leafHash\":\"ApjRIpBtz8EIkstTpzmS/FufST6kybrbJ7eRtBJ6f+c=\",\"proof\":[],\"wantErr\":true}",
    /* inclusion/3/trailing-garbage.json */
    "{\"leafIdx\":2,\"treeSize\":3,\"root\":\"rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\",\"leafHash\":\"ApjRIpBtz8EIkstTpzmS/FufST6kybrbJ7eRtBJ6f+c=\",\"proof\":[\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"\"],\"wantErr\":true}",
    /* inclusion/3/trailing-root.json */
    "{\"leafIdx\":2,\"treeSize\":3,\"root\":\"rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\",\"leafHash\":\"ApjRIpBtz8EIkstTpzmS/FufST6kybrbJ7eRtBJ6f+c=\",\"proof\":[\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\"],\"wantErr\":true}",
    /* inclusion/3/treeSize-div-@2.json */
    "{\"leafIdx\":2,\"treeSize\":1,\"root\":\"rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\",\"leafHash\":\"ApjRIpBtz8EIkstTpzmS/FufST6kybrbJ7eRtBJ6f+c=\",\"proof\":[\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\"],\"wantErr\":true}",
    /* inclusion/3/treeSize-mul-@2.json */
    "{\"leafIdx\":2,\"treeSize\":6,\"root\":\"rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\",\"leafHash\":\"ApjRIpBtz8EIkstTpzmS/FufST6kybrbJ7eRtBJ6f+c=\",\"proof\":[\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\"],\"wantErr\":true}",
    /* inclusion/3/wrong-leaf.json */
    "{\"leafIdx\":2,\"treeSize\":3,\"root\":\"rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\",\"leafHash\":\"V3JvbmdMZWFm\",\"proof\":[\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\"],\"wantErr\":true}",
    /* inclusion/4/empty-root.json */
    "{\"leafIdx\":1,\"treeSize\":5,\"root\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* inclusion/4/happy-path.json */
    "{\"leafIdx\":1,\"treeSize\":5,\"root\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":false}",
    /* inclusion/4/inserted-component.json */
    "{\"leafIdx\":1,\"treeSize\":5,\"root\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* inclusion/4/leafIdx-XOR-@2.json */
    "{\"leafIdx\":3,\"treeSize\":5,\"root\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* inclusion/4/leafIdx-plus-@1.json */
    "{\"leafIdx\":2,\"treeSize\":5,\"root\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* inclusion/4/leafIdx-sub-@1.json */
    "{\"leafIdx\":0,\"treeSize\":5,\"root\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* inclusion/4/modified-proof[0]-bit-@3.json */
    "{\"leafIdx\":1,\"treeSize\":5,\"root\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"ZjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* inclusion/4/modified-proof[1]-bit-@3.json */
    "{\"leafIdx\":1,\"treeSize\":5,\"root\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Vwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* inclusion/4/modified-proof[2]-bit-@3.json */
    "{\"leafIdx\":1,\"treeSize\":5,\"root\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"tBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* inclusion/4/preceding-garbage.json */
    "{\"leafIdx\":1,\"treeSize\":5,\"root\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"\",\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* inclusion/4/preceding-root.json */
    "{\"leafIdx\":1,\"treeSize\":5,\"root\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* inclusion/4/random-root.json */
    "{\"leafIdx\":1,\"treeSize\":5,\"root\":\"q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* inclusion/4/removed-component.json */
    "{\"leafIdx\":1,\"treeSize\":5,\"root\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\"],\"wantErr\":true}",
    /* inclusion/4/trailing-garbage.json */
    "{\"leafIdx\":1,\"treeSize\":5,\"root\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"\"],\"wantErr\":true}",
    /* inclusion/4/trailing-root.json */
    "{\"leafIdx\":1,\"treeSize\":5,\"root\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\"],\"wantErr\":true}",
    /* inclusion/4/treeSize-div-@2.json */
    "{\"leafIdx\":1,\"treeSize\":2,\"root\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* inclusion/4/treeSize-mul-@2.json */
    "{\"leafIdx\":1,\"treeSize\":10,\"root\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"leafHash\":\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* inclusion/4/wrong-leaf.json */
    "{\"leafIdx\":1,\"treeSize\":5,\"root\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"leafHash\":\"V3JvbmdMZWFm\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* inclusion/additional/0/empty-root-and-random-leaf.json */
    "{\"leafIdx\":0,\"treeSize\":0,\"root\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leafHash\":\"q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\",\"proof\":[],\"wantErr\":true}",
    /* inclusion/additional/0/empty-root.json */
    "{\"leafIdx\":0,\"treeSize\":0,\"root\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leafHash\":\"\",\"proof\":[],\"wantErr\":true}",
    /* inclusion/additional/0/random-leaf.json */
    "{\"leafIdx\":0,\"treeSize\":0,\"root\":\"\",\"leafHash\":\"q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\",\"proof\":[],\"wantErr\":true}",
    /* inclusion/additional/1/empty-root-and-random-leaf.json */
    "{\"leafIdx\":0,\"treeSize\":1,\"root\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leafHash\":\"q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\",\"proof\":[],\"wantErr\":true}",
    /* inclusion/additional/1/empty-root.json */
    "{\"leafIdx\":0,\"treeSize\":1,\"root\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leafHash\":\"\",\"proof\":[],\"wantErr\":true}",
    /* inclusion/additional/1/random-leaf.json */
    "{\"leafIdx\":0,\"treeSize\":1,\"root\":\"\",\"leafHash\":\"q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\",\"proof\":[],\"wantErr\":true}",
    /* inclusion/additional/2/empty-root-and-random-leaf.json */
    "{\"leafIdx\":1,\"treeSize\":0,\"root\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leafHash\":\"q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\",\"proof\":[],\"wantErr\":true}",
    /* inclusion/additional/2/empty-root.json */
    "{\"leafIdx\":1,\"treeSize\":0,\"root\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leafHash\":\"\",\"proof\":[],\"wantErr\":true}",
    /* inclusion/additional/2/random-leaf.json */
    "{\"leafIdx\":1,\"treeSize\":0,\"root\":\"\",\"leafHash\":\"q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\",\"proof\":[],\"wantErr\":true}",
    /* inclusion/additional/3/empty-root-and-random-leaf.json */
    "{\"leafIdx\":2,\"treeSize\":1,\"root\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leafHash\":\"q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\",\"proof\":[],\"wantErr\":true}",
    /* inclusion/additional/3/empty-root.json */
    "{\"leafIdx\":2,\"treeSize\":1,\"root\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leafHash\":\"\",\"proof\":[],\"wantErr\":true}",
    /* inclusion/additional/3/random-leaf.json */
    "{\"leafIdx\":2,\"treeSize\":1,\"root\":\"\",\"leafHash\":\"q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=\",\"proof\":[],\"wantErr\":true}",
    /* inclusion/single-entry/empty-leaf.json */
    "{\"leafIdx\":0,\"treeSize\":1,\"root\":\"DTrtAjFI/9KiWfvQzcf7PPl1ZYdg03dbgq9vkKrMLfw=\",\"leafHash\":\"\",\"proof\":[],\"wantErr\":true}",
    /* inclusion/single-entry/empty-root-and-leaf.json */
    "{\"leafIdx\":0,\"treeSize\":1,\"root\":\"\",\"leafHash\":\"\",\"proof\":[],\"wantErr\":true}",
    /* inclusion/single-entry/empty-root.json */
    "{\"leafIdx\":0,\"treeSize\":1,\"root\":\"\",\"leafHash\":\"DTrtAjFI/9KiWfvQzcf7PPl1ZYdg03dbgq9vkKrMLfw=\",\"proof\":[],\"wantErr\":true}",
    /* inclusion/single-entry/matching-root-and-leaf.json */
    "{\"leafIdx\":0,\"treeSize\":1,\"root\":\"DTrtAjFI/9KiWfvQzcf7PPl1ZYdg03dbgq9vkKrMLfw=\",\"leafHash\":\"DTrtAjFI/9KiWfvQzcf7PPl1ZYdg03dbgq9vkKrMLfw=\",\"proof\":[],\"wantErr\":false}",
};

static const char *const consistency_vectors[] = {
    /* consistency/0/happy-path.json */
    "{\"size1\":1,\"size2\":1,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":null,\"wantErr\":false}",
    /* consistency/1/empty-proof.json */
    "{\"size1\":1,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[],\"wantErr\":true}",
    /* consistency/1/happy-path.json */
    "{\"size1\":1,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":false}",
    /* consistency/1/modified-proof@0-bit-@4.json */
    "{\"size1\":1,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"hqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* consistency/1/modified-proof@1-bit-@4.json */
    "{\"size1\":1,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Twg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* consistency/1/modified-proof@2-bit-@4.json */
    "{\"size1\":1,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"e0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* consistency/1/preceding-garbage.json */
    "{\"size1\":1,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"\",\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* consistency/1/preceding-proof-@0.json */
    "{\"size1\":1,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* consistency/1/preceding-root1.json */
    "{\"size1\":1,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* consistency/1/preceding-root2.json */
    "{\"size1\":1,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* consistency/1/size1-XOR-@2.json */
    "{\"size1\":3,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* consistency/1/size1-plus-@1.json */
    "{\"size1\":2,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* consistency/1/size1-sub-@1.json */
    "{\"size1\":0,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* consistency/1/size2-div-@2.json */
    "{\"size1\":1,\"size2\":4,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* consistency/1/size2-mul-@2.json */
    "{\"size1\":1,\"size2\":16,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* consistency/1/swapped-roots.json */
    "{\"size1\":1,\"size2\":8,\"root1\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"root2\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* consistency/1/trailing-garbage.json */
    "{\"size1\":1,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\",\"\"],\"wantErr\":true}",
    /* consistency/1/trailing-root1.json */
    "{\"size1\":1,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\",\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\"],\"wantErr\":true}",
    /* consistency/1/trailing-root2.json */
    "{\"size1\":1,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\",\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\"],\"wantErr\":true}",
    /* consistency/1/truncated-proof.json */
    "{\"size1\":1,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\"],\"wantErr\":true}",
    /* consistency/1/wrong-root1.json */
    "{\"size1\":1,\"size2\":8,\"root1\":\"V3JvbmdSb290\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* consistency/1/wrong-root2.json */
    "{\"size1\":1,\"size2\":8,\"root1\":\"bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\",\"root2\":\"V3JvbmdSb290\",\"proof\":[\"lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=\"],\"wantErr\":true}",
    /* consistency/2/empty-proof.json */
    "{\"size1\":6,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[],\"wantErr\":true}",
    /* consistency/2/happy-path.json */
    "{\"size1\":6,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":false}",
    /* consistency/2/modified-proof@0-bit-@4.json */
    "{\"size1\":6,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"HrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/2/modified-proof@1-bit-@4.json */
    "{\"size1\":6,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"2oVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/2/modified-proof@2-bit-@4.json */
    "{\"size1\":6,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"w37kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/2/preceding-garbage.json */
    "{\"size1\":6,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"\",\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/2/preceding-proof-@0.json */
    "{\"size1\":6,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/2/preceding-root1.json */
    "{\"size1\":6,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/2/preceding-root2.json */
    "{\"size1\":6,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/2/size1-XOR-@2.json */
    "{\"size1\":4,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/2/size1-plus-@1.json */
    "{\"size1\":7,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/2/size1-sub-@1.json */
    "{\"size1\":5,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/2/size2-div-@2.json */
    "{\"size1\":6,\"size2\":4,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/2/size2-mul-@2.json */
    "{\"size1\":6,\"size2\":16,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/2/swapped-roots.json */
    "{\"size1\":6,\"size2\":8,\"root1\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"root2\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/2/trailing-garbage.json */
    "{\"size1\":6,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\",\"\"],\"wantErr\":true}",
    /* consistency/2/trailing-root1.json */
    "{\"size1\":6,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\",\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\"],\"wantErr\":true}",
    /* consistency/2/trailing-root2.json */
    "{\"size1\":6,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\",\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\"],\"wantErr\":true}",
    /* consistency/2/truncated-proof.json */
    "{\"size1\":6,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\"],\"wantErr\":true}",
    /* consistency/2/wrong-root1.json */
    "{\"size1\":6,\"size2\":8,\"root1\":\"V3JvbmdSb290\",\"root2\":\"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/2/wrong-root2.json */
    "{\"size1\":6,\"size2\":8,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"V3JvbmdSb290\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/3/empty-proof.json */
    "{\"size1\":2,\"size2\":5,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[],\"wantErr\":true}",
    /* consistency/3/happy-path.json */
    "{\"size1\":2,\"size2\":5,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":false}",
    /* consistency/3/modified-proof@0-bit-@4.json */
    "{\"size1\":2,\"size2\":5,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"Twg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* consistency/3/modified-proof@1-bit-@4.json */
    "{\"size1\":2,\"size2\":5,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"rBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* consistency/3/preceding-garbage.json */
    "{\"size1\":2,\"size2\":5,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* consistency/3/preceding-proof-@0.json */
    "{\"size1\":2,\"size2\":5,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* consistency/3/preceding-root1.json */
    "{\"size1\":2,\"size2\":5,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* consistency/3/preceding-root2.json */
    "{\"size1\":2,\"size2\":5,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* consistency/3/size1-XOR-@2.json */
    "{\"size1\":0,\"size2\":5,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* consistency/3/size1-plus-@1.json */
    "{\"size1\":3,\"size2\":5,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* consistency/3/size1-sub-@1.json */
    "{\"size1\":1,\"size2\":5,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* consistency/3/size2-div-@2.json */
    "{\"size1\":2,\"size2\":2,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* consistency/3/size2-mul-@2.json */
    "{\"size1\":2,\"size2\":10,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* consistency/3/swapped-roots.json */
    "{\"size1\":2,\"size2\":5,\"root1\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"root2\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"proof\":[\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* consistency/3/trailing-garbage.json */
    "{\"size1\":2,\"size2\":5,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"\"],\"wantErr\":true}",
    /* consistency/3/trailing-root1.json */
    "{\"size1\":2,\"size2\":5,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\"],\"wantErr\":true}",
    /* consistency/3/trailing-root2.json */
    "{\"size1\":2,\"size2\":5,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\",\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\"],\"wantErr\":true}",
    /* consistency/3/truncated-proof.json */
    "{\"size1\":2,\"size2\":5,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\"],\"wantErr\":true}",
    /* consistency/3/wrong-root1.json */
    "{\"size1\":2,\"size2\":5,\"root1\":\"V3JvbmdSb290\",\"root2\":\"Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\",\"proof\":[\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* consistency/3/wrong-root2.json */
    "{\"size1\":2,\"size2\":5,\"root1\":\"+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=\",\"root2\":\"V3JvbmdSb290\",\"proof\":[\"Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\",\"vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\"],\"wantErr\":true}",
    /* consistency/4/empty-proof.json */
    "{\"size1\":6,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[],\"wantErr\":true}",
    /* consistency/4/happy-path.json */
    "{\"size1\":6,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":false}",
    /* consistency/4/modified-proof@0-bit-@4.json */
    "{\"size1\":6,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"HrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/4/modified-proof@1-bit-@4.json */
    "{\"size1\":6,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"oIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/4/modified-proof@2-bit-@4.json */
    "{\"size1\":6,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"w37kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/4/preceding-garbage.json */
    "{\"size1\":6,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"\",\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/4/preceding-proof-@0.json */
    "{\"size1\":6,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/4/preceding-root1.json */
    "{\"size1\":6,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/4/preceding-root2.json */
    "{\"size1\":6,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/4/size1-XOR-@2.json */
    "{\"size1\":4,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/4/size1-plus-@1.json */
    "{\"size1\":7,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/4/size1-sub-@1.json */
    "{\"size1\":5,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/4/size2-div-@2.json */
    "{\"size1\":6,\"size2\":3,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/4/size2-mul-@2.json */
    "{\"size1\":6,\"size2\":14,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/4/swapped-roots.json */
    "{\"size1\":6,\"size2\":7,\"root1\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"root2\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/4/trailing-garbage.json */
    "{\"size1\":6,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\",\"\"],\"wantErr\":true}",
    /* consistency/4/trailing-root1.json */
    "{\"size1\":6,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\",\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\"],\"wantErr\":true}",
    /* consistency/4/trailing-root2.json */
    "{\"size1\":6,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\",\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\"],\"wantErr\":true}",
    /* consistency/4/truncated-proof.json */
    "{\"size1\":6,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\"],\"wantErr\":true}",
    /* consistency/4/wrong-root1.json */
    "{\"size1\":6,\"size2\":7,\"root1\":\"V3JvbmdSb290\",\"root2\":\"3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/4/wrong-root2.json */
    "{\"size1\":6,\"size2\":7,\"root1\":\"duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\",\"root2\":\"V3JvbmdSb290\",\"proof\":[\"DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\",\"sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=\",\"037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\"],\"wantErr\":true}",
    /* consistency/additional/consistency-check-on-empty-tree-size1-is-zero-is-useless.json */
    "{\"size1\":0,\"size2\":1,\"root1\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"root2\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"proof\":[\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\"],\"wantErr\":true}",
    /* consistency/additional/roots-do-not-match-and-sizes-are-zero.json */
    "{\"size1\":0,\"size2\":0,\"root1\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"root2\":\"ZG9uJ3QgY2FyZSAy\",\"proof\":[],\"wantErr\":true}",
    /* consistency/additional/roots-do-not-not-match-and-sizes-are-one.json */
    "{\"size1\":1,\"size2\":1,\"root1\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"root2\":\"ZG9uJ3QgY2FyZSAy\",\"proof\":[],\"wantErr\":true}",
    /* consistency/additional/size1-is-greater-than-size2-again.json */
    "{\"size1\":2,\"size2\":1,\"root1\":\"ZG9uJ3QgY2FyZSAx\",\"root2\":\"ZG9uJ3QgY2FyZSAy\",\"proof\":[],\"wantErr\":true}",
    /* consistency/additional/size1-is-greater-than-size2.json */
    "{\"size1\":1,\"size2\":0,\"root1\":\"ZG9uJ3QgY2FyZSAx\",\"root2\":\"ZG9uJ3QgY2FyZSAy\",\"proof\":[],\"wantErr\":true}",
    /* consistency/additional/size1-is-zero-and-does-not-equal-size2.json */
    "{\"size1\":0,\"size2\":1,\"root1\":\"ZG9uJ3QgY2FyZSAx\",\"root2\":\"ZG9uJ3QgY2FyZSAy\",\"proof\":[],\"wantErr\":true}",
    /* consistency/additional/size1-is-zero-and-size2-is-not-zero.json */
    "{\"size1\":0,\"size2\":1,\"root1\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"root2\":\"ZG9uJ3QgY2FyZSAy\",\"proof\":[],\"wantErr\":true}",
    /* consistency/additional/sizes-are-equal-one-and-proof-is-empty.json */
    "{\"size1\":1,\"size2\":1,\"root1\":\"ZG9uJ3QgY2FyZSAy\",\"root2\":\"ZG9uJ3QgY2FyZSAy\",\"proof\":[],\"wantErr\":false}",
    /* consistency/additional/sizes-are-equal-one-but-roots-are-not.json */
    "{\"size1\":1,\"size2\":1,\"root1\":\"ZG9uJ3QgY2FyZSAx\",\"root2\":\"ZG9uJ3QgY2FyZSAy\",\"proof\":[],\"wantErr\":true}",
    /* consistency/additional/sizes-are-equal-zero-and-proof-is-empty.json */
    "{\"size1\":0,\"size2\":0,\"root1\":\"ZG9uJ3QgY2FyZSAx\",\"root2\":\"ZG9uJ3QgY2FyZSAx\",\"proof\":[],\"wantErr\":true}",
    /* consistency/additional/sizes-are-equal-zero-but-roots-are-not.json */
    "{\"size1\":0,\"size2\":0,\"root1\":\"ZG9uJ3QgY2FyZSAx\",\"root2\":\"ZG9uJ3QgY2FyZSAy\",\"proof\":[],\"wantErr\":true}",
    /* consistency/additional/sizes-do-not-watch-and-proof-is-empty.json */
    "{\"size1\":1,\"size2\":2,\"root1\":\"ZG9uJ3QgY2FyZSAx\",\"root2\":\"ZG9uJ3QgY2FyZSAy\",\"proof\":[],\"wantErr\":true}",
    /* consistency/additional/sizes-match-but-proof-is-not-empty-and-sizes-are-one.json */
    "{\"size1\":1,\"size2\":1,\"root1\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"root2\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"proof\":[\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\"],\"wantErr\":true}",
    /* consistency/additional/sizes-match-but-proof-is-not-empty-and-sizes-are-zero.json */
    "{\"size1\":0,\"size2\":0,\"root1\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"root2\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"proof\":[\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\"],\"wantErr\":true}",
};
