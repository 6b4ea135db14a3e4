// OpenBLAS's CBLAS interface (cblas_sgemm, openblas_set_num_threads) for WeftTensor.
// pkg-config `openblas` supplies the include directory of the installed variant (pthread on Debian).
#include <cblas.h>
