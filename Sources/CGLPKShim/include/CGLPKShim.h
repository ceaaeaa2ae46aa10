// CGLPKShim: the only code in Braid that includes <glpk.h>.
//
// Why a shim exists: GLPK reports fatal errors (invalid arguments, duplicate matrix entries,
// out of memory) by printing a message and calling abort(). The only way to survive one is
// the error hook plus setjmp/longjmp, and Swift must never sit between setjmp and longjmp
// (swiftlang/swift PR #6513). So each job is one synchronous C entry point: the problem comes in
// as plain 0-based arrays, the results go out in caller-owned arrays, and Swift never holds a
// glp_prob pointer that glp_free_env() could invalidate.
#ifndef CGLPKSHIM_H
#define CGLPKSHIM_H

#include <stddef.h>

#pragma clang assume_nonnull begin

/// How one shim call ended.
typedef enum {
    /// GLPK ran to completion; `solverCode` and `status` say what it found.
    CGLPKShimOutcomeSolved = 0,
    /// A GLPK routine returned a non-zero code (in `solverCode`), e.g. GLP_EBOUND.
    CGLPKShimOutcomeSolverCode = 1,
    /// GLPK hit a fatal error; `message` holds GLPK's own text. The GLPK environment was freed.
    CGLPKShimOutcomeFatal = 2,
    /// Writing a file failed (GLPK returned non-zero from glp_write_lp/glp_write_mps).
    CGLPKShimOutcomeWriteFailed = 3,
} CGLPKShimOutcome;

/// Column kinds, mirroring GLP_CV, GLP_IV and GLP_BV.
enum { CGLPKShimContinuous = 0, CGLPKShimInteger = 1, CGLPKShimBinary = 2 };

/// Algorithms.
enum { CGLPKShimSimplex = 0, CGLPKShimInterior = 1, CGLPKShimDualSimplex = 2 };

/// A linear or mixed-integer problem as 0-based arrays. Infinite bounds are +/-HUGE_VAL.
typedef struct {
    int rowCount, columnCount, entryCount;
    int maximize;
    double objectiveConstant;
    const char *_Nullable name;
    const double *objective;        // columnCount
    const double *columnLower;      // columnCount
    const double *columnUpper;      // columnCount
    const int *columnKind;          // columnCount
    const double *rowLower;         // rowCount (may be dangling when rowCount == 0)
    const double *rowUpper;         // rowCount
    const int *entryRow;            // entryCount, 0-based
    const int *entryColumn;         // entryCount, 0-based
    const double *entryValue;       // entryCount
    const char *_Nullable const *_Nullable columnNames; // optional, used for export
    const char *_Nullable const *_Nullable rowNames;    // optional
} CGLPKShimProblem;

/// Solver options.
typedef struct {
    int algorithm;          // CGLPKShimSimplex, CGLPKShimDualSimplex or CGLPKShimInterior (LP only)
    int integer;            // 1: solve as MIP (branch and cut after the LP relaxation)
    int presolve;           // 1: use GLPK's LP presolver
    int feasibilityPump;    // 1: glp_iocp.fp_heur on
    int cuts;               // 1: Gomory, MIR, cover and clique cuts on
    int breadthFirst;       // 1: glp_iocp.bt_tech = GLP_BT_BFS (else GLPK's default, best local bound)
    int mostFractional;     // 1: glp_iocp.br_tech = GLP_BR_MFV (else GLPK's default, Driebeck-Tomlin)
    int longStep;           // 1: glp_smcp.r_test = GLP_RT_FLIP (the dual simplex's long-step ratio test)
    int timeLimitMs;        // 0 or negative: no limit. Covers the LP relaxation and the MIP.
    int nodeLimit;          // MIP: 0 or negative: no limit; else stop (as at the time limit) after this many nodes
    int iterationLimit;     // 0 or negative: no limit
    int memoryLimitMB;      // 0 or negative: no limit. glp_mem_limit for this solve only (per thread)
    double relativeGap;     // glp_iocp.mip_gap
    int verbose;            // 1: GLPK reports its progress (GLP_MSG_ON) to `progress`
    double objectiveStep;   // MIP: every feasible objective value is a multiple of this (0: unknown)
    double externalBound;   // MIP: a proven bound from outside (e.g. the full model's LP); +/-HUGE_VAL: none
    const double *_Nullable initialSolution; // MIP: a feasible point handed to branch and cut (columnCount)
    const int *_Nullable basisRowStatus;    // optional warm start: GLP_BS.. per row (rowCount)
    const int *_Nullable basisColumnStatus; // optional warm start: per column (columnCount)
    /// GLPK's progress text when `verbose` (nothing is printed): called with each piece of text and
    /// `progressContext`. It must return normally (it runs inside GLPK, under the shim's setjmp).
    void (*_Nullable progress)(const char *_Nonnull text, void *_Nullable context);
    void *_Nullable progressContext;
} CGLPKShimOptions;

/// What came back. Zero-initialise before the call.
typedef struct {
    int solverCode;          // the GLPK return code of the last routine (0 = success)
    int status;              // glp_get_status / glp_mip_status / glp_ipt_status
    int lpStatus;            // status of the LP relaxation (MIP only)
    int hasMipSolution;      // MIP: an integer-feasible solution exists
    double objectiveValue;
    double bestBound;        // MIP: the best bound known at the end (or the LP bound)
    int simplexIterations;
    int nodes;               // MIP: branch-and-bound nodes processed
    int warmStartUsed;       // 1 if the given basis was valid and used
    int stoppedAtBound;      // MIP: search stopped because the incumbent reached the (rounded) bound
    char message[1024];      // GLPK's own text on a fatal error
} CGLPKShimResult;

/// Solves the problem. Each output array is optional (NULL skips it); sizes are columnCount
/// or rowCount. Duals and reduced costs come from the LP (for a MIP: the root relaxation).
CGLPKShimOutcome CGLPKShim_solve(const CGLPKShimProblem *problem, const CGLPKShimOptions *options,
                                 CGLPKShimResult *result,
                                 double *_Nullable columnValues, double *_Nullable reducedCosts,
                                 double *_Nullable rowActivities, double *_Nullable rowDuals,
                                 int *_Nullable basisRowStatusOut, int *_Nullable basisColumnStatusOut);

/// Writes the problem in CPLEX LP (format 0) or free MPS (format 1) to `path`.
CGLPKShimOutcome CGLPKShim_write(const CGLPKShimProblem *problem, int format, const char *path,
                                 CGLPKShimResult *result);

/// Calls a GLPK routine with an invalid argument so that GLPK raises a fatal error. For tests
/// of the error hook only: it must come back as CGLPKShimOutcomeFatal with GLPK's message.
CGLPKShimOutcome CGLPKShim_provokeFatalError(CGLPKShimResult *result);

/// GLPK's version string, e.g. "5.0".
const char *CGLPKShim_version(void);

#pragma clang assume_nonnull end

#endif
