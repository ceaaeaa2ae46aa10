// CGLPKShim.c — every call into GLPK in Braid goes through this target (this file, and
// CGLPKShimBranchAndCut.c for branch and cut).
//
// The pattern (after GLPK's glp_error_hook_demo, igraph's glpk_support.c and Sage's error.pyx):
// each entry point installs GLPK's error hook and terminal hook, then calls setjmp. When GLPK
// detects a fatal error it prints its message through the terminal hook (which we capture while
// glp_at_error() is set) and then calls the error hook, which frees the whole GLPK environment
// and longjmps back here. Only C frames lie between setjmp and longjmp. Scratch memory comes
// from glp_alloc, so glp_free_env() reclaims it after a jump. The hooks live in the environment
// that a previous failure freed, so they are installed again on every call.
#include "CGLPKShim.h"
#include "CGLPKShimInternal.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct {
    jmp_buf jump;
    char *text;
    size_t capacity;
    size_t length;
    int verbose;
    void (*progress)(const char *text, void *context);
    void *progressContext;
} Guard;

static int captureTerminal(void *info, const char *s) {
    Guard *guard = info;
    if (glp_at_error()) {
        size_t n = strlen(s);
        size_t room = guard->capacity - 1 - guard->length;
        if (n > room) n = room;
        memcpy(guard->text + guard->length, s, n);
        guard->length += n;
        guard->text[guard->length] = 0;
        return 1;
    }
    // The library never prints: progress goes to the caller's callback, if any.
    if (guard->verbose && guard->progress) guard->progress(s, guard->progressContext);
    return 1;
}

static void onFatalError(void *info) {
    Guard *guard = info;
    glp_free_env(); // invalidates every glp_prob and glp_alloc block of this thread
    longjmp(guard->jump, 1);
}

static void installHooks(Guard *guard) {
    glp_term_hook(captureTerminal, guard);
    glp_error_hook(onFatalError, guard);
}

/// Leaves this thread's GLPK environment as the next call expects it: no hooks (their Guard dies
/// with the caller's frame) and no memory limit. Every entry point calls it on every way out,
/// the longjmp one included (there the environment is a fresh one, which this creates).
static void removeHooks(void) {
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    // GLPK has no "unlimited" argument (limit < 1 is fatal); INT_MAX MB (2 PiB) is the largest.
    glp_mem_limit(INT_MAX);
}

double CGLPKShimNowSeconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int boundType(double lower, double upper) {
    int hasLower = lower > -HUGE_VAL, hasUpper = upper < HUGE_VAL;
    if (hasLower && hasUpper) return lower == upper ? GLP_FX : GLP_DB;
    if (hasLower) return GLP_LO;
    if (hasUpper) return GLP_UP;
    return GLP_FR;
}

/// Builds a glp_prob from the arrays. May raise a GLPK fatal error (caught by the caller's guard).
static glp_prob *buildProblem(const CGLPKShimProblem *p, int negateObjective) {
    glp_prob *lp = glp_create_prob();
    if (p->name) glp_set_prob_name(lp, p->name);
    int maximize = p->maximize && !negateObjective;
    glp_set_obj_dir(lp, maximize ? GLP_MAX : GLP_MIN);
    double sign = (p->maximize && negateObjective) ? -1.0 : 1.0;
    glp_set_obj_coef(lp, 0, sign * p->objectiveConstant);
    if (p->rowCount > 0) glp_add_rows(lp, p->rowCount); // glp_add_rows(lp, 0) is fatal
    if (p->columnCount > 0) glp_add_cols(lp, p->columnCount);
    for (int i = 0; i < p->rowCount; i++) {
        glp_set_row_bnds(lp, i + 1, boundType(p->rowLower[i], p->rowUpper[i]),
                         p->rowLower[i] > -HUGE_VAL ? p->rowLower[i] : 0.0,
                         p->rowUpper[i] < HUGE_VAL ? p->rowUpper[i] : 0.0);
        if (p->rowNames && p->rowNames[i]) glp_set_row_name(lp, i + 1, p->rowNames[i]);
    }
    for (int j = 0; j < p->columnCount; j++) {
        if (p->columnKind[j] == CGLPKShimBinary) {
            glp_set_col_kind(lp, j + 1, GLP_BV);
        } else if (p->columnKind[j] == CGLPKShimInteger) {
            glp_set_col_kind(lp, j + 1, GLP_IV);
        }
        glp_set_col_bnds(lp, j + 1, boundType(p->columnLower[j], p->columnUpper[j]),
                         p->columnLower[j] > -HUGE_VAL ? p->columnLower[j] : 0.0,
                         p->columnUpper[j] < HUGE_VAL ? p->columnUpper[j] : 0.0);
        glp_set_obj_coef(lp, j + 1, sign * p->objective[j]);
        if (p->columnNames && p->columnNames[j]) glp_set_col_name(lp, j + 1, p->columnNames[j]);
    }
    if (p->entryCount > 0) {
        // GLPK's arrays are 1-based; glp_alloc so that a fatal error cannot leak them.
        int *ia = glp_alloc(p->entryCount + 1, sizeof(int));
        int *ja = glp_alloc(p->entryCount + 1, sizeof(int));
        double *ar = glp_alloc(p->entryCount + 1, sizeof(double));
        for (int k = 0; k < p->entryCount; k++) {
            ia[k + 1] = p->entryRow[k] + 1;
            ja[k + 1] = p->entryColumn[k] + 1;
            ar[k + 1] = p->entryValue[k];
        }
        glp_load_matrix(lp, p->entryCount, ia, ja, ar);
        glp_free(ia);
        glp_free(ja);
        glp_free(ar);
    }
    return lp;
}

static int runSimplex(glp_prob *lp, const CGLPKShimOptions *o, int presolve, int timeLimitMs) {
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
    parm.presolve = presolve ? GLP_ON : GLP_OFF;
    // After a bound change the old basis stays dual feasible: the dual simplex re-optimises in a
    // few iterations (GLP_DUALP falls back to the primal simplex if the dual one fails).
    if (o->algorithm == CGLPKShimDualSimplex) parm.meth = GLP_DUALP;
    if (o->longStep) parm.r_test = GLP_RT_FLIP;
    if (timeLimitMs > 0) parm.tm_lim = timeLimitMs;
    if (o->iterationLimit > 0) parm.it_lim = o->iterationLimit;
    int code = glp_simplex(lp, &parm);
    // A starting basis that turns singular or ill-conditioned on the way (GLPK 5 reports
    // GLP_EFAIL; measured on a warm-started dive LP at 400 applicants): once more from GLPK's
    // advanced basis, then from the standard one, with the primal simplex.
    for (int attempt = 0; attempt < 2 && (code == GLP_EFAIL || code == GLP_ESING || code == GLP_ECOND); attempt++) {
        if (attempt == 0) glp_adv_basis(lp, 0); else glp_std_basis(lp);
        parm.meth = GLP_PRIMAL;
        parm.presolve = GLP_OFF;
        code = glp_simplex(lp, &parm);
    }
    if (presolve && (code == GLP_ENOPFS || code == GLP_ENODFS)) {
        // The presolver proves only "no primal (or dual) feasible solution"; solve once more
        // without it so that the status distinguishes infeasible from unbounded exactly.
        parm.presolve = GLP_OFF;
        code = glp_simplex(lp, &parm);
    }
    return code;
}

/// Starts from the caller's basis when given and GLPK accepts it (else the standard basis).
static void warmStart(glp_prob *lp, const CGLPKShimProblem *p, const CGLPKShimOptions *o, CGLPKShimResult *r) {
    if (o->basisRowStatus == NULL || o->basisColumnStatus == NULL) return;
    for (int i = 0; i < p->rowCount; i++) glp_set_row_stat(lp, i + 1, o->basisRowStatus[i]);
    for (int j = 0; j < p->columnCount; j++) glp_set_col_stat(lp, j + 1, o->basisColumnStatus[j]);
    if (glp_warm_up(lp) == 0) {
        r->warmStartUsed = 1;
    } else {
        glp_std_basis(lp);
    }
}

/// The LP by GLPK's interior point, and its solution.
static int solveInterior(glp_prob *lp, const CGLPKShimProblem *p, const CGLPKShimOptions *o, CGLPKShimResult *r,
                         double *columnValues, double *reducedCosts, double *rowActivities, double *rowDuals) {
    glp_iptcp parm;
    glp_init_iptcp(&parm);
    parm.msg_lev = o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
    int code = glp_interior(lp, &parm);
    r->solverCode = code;
    r->status = glp_ipt_status(lp);
    r->objectiveValue = glp_ipt_obj_val(lp);
    r->bestBound = r->objectiveValue;
    for (int j = 0; j < p->columnCount; j++) {
        if (columnValues) columnValues[j] = glp_ipt_col_prim(lp, j + 1);
        if (reducedCosts) reducedCosts[j] = glp_ipt_col_dual(lp, j + 1);
    }
    for (int i = 0; i < p->rowCount; i++) {
        if (rowActivities) rowActivities[i] = glp_ipt_row_prim(lp, i + 1);
        if (rowDuals) rowDuals[i] = glp_ipt_row_dual(lp, i + 1);
    }
    return code;
}

/// The LP (or a MIP's relaxation) by the simplex, its solution and its final basis.
static int solveSimplex(glp_prob *lp, const CGLPKShimProblem *p, const CGLPKShimOptions *o, CGLPKShimResult *r,
                        double *columnValues, double *reducedCosts, double *rowActivities, double *rowDuals,
                        int *basisRowOut, int *basisColumnOut) {
    int presolve = o->presolve && !r->warmStartUsed;
    int code = runSimplex(lp, o, presolve, o->timeLimitMs);
    r->solverCode = code;
    r->status = glp_get_status(lp);
    r->lpStatus = r->status;
    r->objectiveValue = glp_get_obj_val(lp);
    r->bestBound = r->objectiveValue;
    r->simplexIterations = glp_get_it_cnt(lp);
    for (int j = 0; j < p->columnCount; j++) {
        if (columnValues) columnValues[j] = glp_get_col_prim(lp, j + 1);
        if (reducedCosts) reducedCosts[j] = glp_get_col_dual(lp, j + 1);
        if (basisColumnOut) basisColumnOut[j] = glp_get_col_stat(lp, j + 1);
    }
    for (int i = 0; i < p->rowCount; i++) {
        if (rowActivities) rowActivities[i] = glp_get_row_prim(lp, i + 1);
        if (rowDuals) rowDuals[i] = glp_get_row_dual(lp, i + 1);
        if (basisRowOut) basisRowOut[i] = glp_get_row_stat(lp, i + 1);
    }
    return code;
}

CGLPKShimOutcome CGLPKShim_solve(const CGLPKShimProblem *p, const CGLPKShimOptions *o, CGLPKShimResult *r,
                                 double *columnValues, double *reducedCosts, double *rowActivities,
                                 double *rowDuals, int *basisRowOut, int *basisColumnOut) {
    Guard guard = {.text = r->message,
                   .capacity = sizeof r->message,
                   .length = 0,
                   .verbose = o->verbose,
                   .progress = o->progress,
                   .progressContext = o->progressContext};
    r->message[0] = 0;
    installHooks(&guard);
    if (setjmp(guard.jump)) {
        // The environment is gone, and with it every glp_prob: never call glp_delete_prob here.
        removeHooks();
        return CGLPKShimOutcomeFatal;
    }
    // Counts every GLPK allocation on this thread from here on; going over is a fatal error
    // ("glp_alloc: memory allocation limit exceeded") that comes back through the guard.
    if (o->memoryLimitMB > 0) glp_mem_limit(o->memoryLimitMB);
    double start = CGLPKShimNowSeconds();
    // Everything below runs in C frames under this setjmp: a fatal error in any helper lands here.
    glp_prob *lp = buildProblem(p, 0);
    warmStart(lp, p, o, r);
    int code = 0;
    if (o->algorithm == CGLPKShimInterior && !o->integer) {
        code = solveInterior(lp, p, o, r, columnValues, reducedCosts, rowActivities, rowDuals);
    } else {
        code = solveSimplex(lp, p, o, r, columnValues, reducedCosts, rowActivities, rowDuals, basisRowOut, basisColumnOut);
        if (o->integer && code == 0 && r->lpStatus == GLP_OPT) code = CGLPKShimSolveMIP(lp, p, o, r, start, columnValues, rowActivities);
    }
    glp_delete_prob(lp);
    removeHooks();
    return code == 0 ? CGLPKShimOutcomeSolved : CGLPKShimOutcomeSolverCode;
}

CGLPKShimOutcome CGLPKShim_write(const CGLPKShimProblem *p, int format, const char *path, CGLPKShimResult *r) {
    Guard guard = {.text = r->message, .capacity = sizeof r->message, .length = 0, .verbose = 0};
    r->message[0] = 0;
    installHooks(&guard);
    if (setjmp(guard.jump)) {
        removeHooks();
        return CGLPKShimOutcomeFatal;
    }
    // GLPK's own MPS reader rejects an OBJSENSE section, so a maximisation is written to MPS as
    // the minimisation of the negated objective (same optimum, opposite sign).
    glp_prob *lp = buildProblem(p, format == 1);
    int code = format == 1 ? glp_write_mps(lp, GLP_MPS_FILE, NULL, path) : glp_write_lp(lp, NULL, path);
    r->solverCode = code;
    glp_delete_prob(lp);
    removeHooks();
    return code == 0 ? CGLPKShimOutcomeSolved : CGLPKShimOutcomeWriteFailed;
}

CGLPKShimOutcome CGLPKShim_provokeFatalError(CGLPKShimResult *r) {
    Guard guard = {.text = r->message, .capacity = sizeof r->message, .length = 0, .verbose = 0};
    r->message[0] = 0;
    installHooks(&guard);
    if (setjmp(guard.jump)) {
        removeHooks();
        return CGLPKShimOutcomeFatal;
    }
    glp_prob *lp = glp_create_prob();
    glp_add_rows(lp, 0); // GLPK: "glp_add_rows: nrs = 0; invalid number of rows" — fatal
    glp_delete_prob(lp);
    removeHooks();
    return CGLPKShimOutcomeSolved;
}

const char *CGLPKShim_version(void) { return glp_version(); }
