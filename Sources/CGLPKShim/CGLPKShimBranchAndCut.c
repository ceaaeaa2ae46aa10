// CGLPKShimBranchAndCut.c — GLPK's branch and cut for CGLPKShim_solve: its parameters, the tree
// callback (a node budget, the caller's feasible point, a stop once the incumbent reaches the
// bound rounded to the objective's step) and the MIP solution. Called only from
// CGLPKShim_solve, under its setjmp guard: a fatal error here returns there.
#include "CGLPKShim.h"
#include "CGLPKShimInternal.h"

#include <glpk.h>
#include <math.h>

typedef struct {
    double bestBound;
    int hasBound;
    int nodes;
    int maximize;
    double step;
    double externalBound;
    const double *initial;
    int columnCount;
    int initialGiven;
    int stoppedAtBound;
    int nodeLimit;
    int stoppedAtNodeLimit;
} TreeInfo;

/// The best objective any solution can reach, rounded to the objective step when known.
static double roundedBound(const TreeInfo *t, double bound) {
    if (t->maximize) {
        if (t->externalBound < bound) bound = t->externalBound;
        if (t->step > 0) bound = floor(bound / t->step + 1e-9) * t->step;
    } else {
        if (t->externalBound > bound) bound = t->externalBound;
        if (t->step > 0) bound = ceil(bound / t->step - 1e-9) * t->step;
    }
    return bound;
}

static void treeCallback(glp_tree *tree, void *info) {
    TreeInfo *t = info;
    int active = 0, current = 0, total = 0;
    glp_ios_tree_size(tree, &active, &current, &total);
    t->nodes = total;
    if (t->nodeLimit > 0 && total >= t->nodeLimit && !t->stoppedAtNodeLimit) {
        // A node budget is deterministic where a time limit is not.
        t->stoppedAtNodeLimit = 1;
        glp_ios_terminate(tree);
        return;
    }
    int best = glp_ios_best_node(tree);
    if (best != 0) {
        t->bestBound = glp_ios_node_bound(tree, best);
        t->hasBound = 1;
    }
    if (glp_ios_reason(tree) == GLP_IHEUR && t->initial != NULL && !t->initialGiven) {
        // Hand the caller's feasible point to branch and cut (1-based array).
        double *x = glp_alloc(t->columnCount + 1, sizeof(double));
        for (int j = 0; j < t->columnCount; j++) x[j + 1] = t->initial[j];
        glp_ios_heur_sol(tree, x);
        glp_free(x);
        t->initialGiven = 1;
    }
    glp_prob *lp = glp_ios_get_prob(tree);
    if (glp_mip_status(lp) == GLP_FEAS || glp_mip_status(lp) == GLP_OPT) {
        double incumbent = glp_mip_obj_val(lp);
        double bound = roundedBound(t, t->hasBound ? t->bestBound : (t->maximize ? HUGE_VAL : -HUGE_VAL));
        double tolerance = 1e-9 * (1.0 + fabs(incumbent));
        if ((t->maximize && incumbent >= bound - tolerance) || (!t->maximize && incumbent <= bound + tolerance)) {
            t->stoppedAtBound = 1;
            if (t->hasBound) t->bestBound = bound;
            glp_ios_terminate(tree);
        }
    }
}

/// Branch and cut's parameters from the options (the LP relaxation is already optimal).
static void branchAndCutParameters(glp_iocp *parm, const CGLPKShimOptions *o, int remainingMs) {
    glp_init_iocp(parm);
    parm->msg_lev = o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
    parm->presolve = GLP_OFF; // the LP relaxation above is already optimal
    parm->fp_heur = o->feasibilityPump ? GLP_ON : GLP_OFF;
    if (o->breadthFirst) parm->bt_tech = GLP_BT_BFS;
    // Bound tightening at the root only: on Braid's models GLPK's node preprocessing (the
    // default, GLP_PP_ALL) took an eighth of the search's time and pruned little; none at all
    // (GLP_PP_NONE) lost one H-1B level's search (docs/benchmark-history.md, fifth session).
    parm->pp_tech = GLP_PP_ROOT;
    if (o->mostFractional) parm->br_tech = GLP_BR_MFV;
    if (o->cuts) {
        parm->gmi_cuts = GLP_ON;
        parm->mir_cuts = GLP_ON;
        parm->cov_cuts = GLP_ON;
        parm->clq_cuts = GLP_ON;
    }
    parm->mip_gap = o->relativeGap > 0 ? o->relativeGap : 0.0;
    if (remainingMs > 0) parm->tm_lim = remainingMs;
}

/// Branch and cut from the optimal LP relaxation, within the time left, and the MIP solution.
int CGLPKShimSolveMIP(glp_prob *lp, const CGLPKShimProblem *p, const CGLPKShimOptions *o, CGLPKShimResult *r,
                    double start, double *columnValues, double *rowActivities) {
    int remaining = 0;
    if (o->timeLimitMs > 0) {
        remaining = o->timeLimitMs - (int)((CGLPKShimNowSeconds() - start) * 1000.0);
        if (remaining < 1) remaining = 1;
    }
    TreeInfo tree = {.bestBound = r->bestBound, .hasBound = 0, .nodes = 0, .maximize = p->maximize,
                     .step = o->objectiveStep, .externalBound = o->externalBound,
                     .initial = o->initialSolution, .columnCount = p->columnCount, .nodeLimit = o->nodeLimit};
    glp_iocp parm;
    branchAndCutParameters(&parm, o, remaining);
    parm.cb_func = treeCallback;
    parm.cb_info = &tree;
    int code = glp_intopt(lp, &parm);
    r->solverCode = code;
    r->status = glp_mip_status(lp);
    r->nodes = tree.nodes;
    r->stoppedAtBound = tree.stoppedAtBound;
    if (code == GLP_ESTOP && tree.stoppedAtBound) code = 0;
    if (code == GLP_ESTOP && tree.stoppedAtNodeLimit) code = GLP_ETMLIM; // reported as a limit reached
    // A node's LP failing numerically ends the search early: reported as a limit reached (the
    // best plan so far and its gap), never as an error that loses the plan.
    if (code == GLP_EFAIL) code = GLP_ETMLIM;
    r->solverCode = code;
    r->simplexIterations = glp_get_it_cnt(lp);
    r->hasMipSolution = (r->status == GLP_OPT || r->status == GLP_FEAS);
    r->objectiveValue = glp_mip_obj_val(lp);
    if ((r->status == GLP_OPT || tree.stoppedAtBound) && code == 0) {
        r->bestBound = r->objectiveValue;
        if (tree.stoppedAtBound) r->status = GLP_OPT;
    } else if (tree.hasBound) {
        r->bestBound = tree.bestBound;
    }
    if (r->hasMipSolution) {
        for (int j = 0; j < p->columnCount; j++) {
            if (columnValues) columnValues[j] = glp_mip_col_val(lp, j + 1);
        }
        for (int i = 0; i < p->rowCount; i++) {
            if (rowActivities) rowActivities[i] = glp_mip_row_val(lp, i + 1);
        }
    }
    return code;
}
