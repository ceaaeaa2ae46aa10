// CGLPKShimInternal.h — what the shim's C files share (not part of its public header).
#ifndef CGLPKSHIM_INTERNAL_H
#define CGLPKSHIM_INTERNAL_H

#include "CGLPKShim.h"
#include <glpk.h>

/// Monotonic seconds (for the time left to branch and cut).
double CGLPKShimNowSeconds(void);

/// Branch and cut from `lp`'s optimal LP relaxation, within the time left since `start`; fills
/// the MIP's status, bound, counts and solution into `r` and the arrays. Returns GLPK's code
/// (a node budget or a numerical failure reported as a time limit). Call only under
/// CGLPKShim_solve's guard.
int CGLPKShimSolveMIP(glp_prob *lp, const CGLPKShimProblem *p, const CGLPKShimOptions *o, CGLPKShimResult *r,
                      double start, double *columnValues, double *rowActivities);

#endif
