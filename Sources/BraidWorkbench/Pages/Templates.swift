import Mustache

/// The workbench's pages as Mustache templates (swift-mustache renders them; `{{x}}` escapes,
/// `{{{x}}}` inserts HTML the reports already escaped). They are compiled into the binary, so
/// `braid serve` needs no files beside it.
enum Templates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in all {
            // (A template that does not parse is a programming error, caught by every test.)
            try! library.register(text, named: name)
        }
        return library
    }()

    static func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    static let all: [(String, String)] = [
        ("layout", layout), ("index", index), ("scenario", scenario), ("result", result), ("explain", explain),
        ("eligibility", eligibility), ("roster", roster), ("messages", messages), ("history", history),
        ("saved", saved), ("problem", problem), ("runs", runs),
    ]

    static let layout = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="csrf-token" content="{{csrf}}">
        <title>{{title}} — Braid workbench</title>
        <link rel="stylesheet" href="/static/report.css"><link rel="stylesheet" href="/static/workbench.css">
        <script src="/static/workbench.js" defer></script>
        </head><body>
        <a class="skip" href="#main">Skip to the content</a>
        <header class="bar"><a class="home" href="/">Braid workbench</a>
        {{#scenario}}<span aria-hidden="true">›</span> <a href="/s/{{id}}">{{name}}</a>
        <nav aria-label="Scenario"><a href="/s/{{id}}">Plan</a> <a href="/s/{{id}}/eligibility">Eligibility</a>
        <a href="/s/{{id}}/roster">Roster</a> <a href="/s/{{id}}/history">History</a></nav>{{/scenario}}
        </header>
        <main id="main">
        {{{content}}}
        </main>
        </body></html>

        """

    static let index = """
        <h1>Scenarios in {{folder}}</h1>
        <ul class="scenarios">
        {{#entries}}<li><a href="/s/{{id}}">{{id}}</a></li>{{/entries}}
        </ul>
        """

    static let scenario = """
        <h1>{{name}}</h1>
        <div class="workbench">
        <form id="edits" class="edits" method="post" action="/s/{{id}}/plan" aria-labelledby="edits-title">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <h2 id="edits-title">What if…</h2>
        <p class="muted">Each change re-solves the plan and shows it beside the baseline.</p>
        <fieldset><legend>Budgets and caps</legend>
        {{#money}}<div class="setting">
        <label for="set-{{n}}">{{label}} ($)</label>
        <input type="number" id="set-{{n}}" name="set.{{key}}" value="{{current}}" min="{{minimum}}" step="any" data-baseline="{{valueText}}">
        <input type="range" aria-label="{{label}}, slider" data-for="set-{{n}}" min="{{minimum}}" max="{{maximum}}" step="{{step}}" value="{{current}}">
        </div>{{/money}}
        {{^money}}<p class="muted">This scenario's streams have no budget to change.</p>{{/money}}
        </fieldset>
        <details{{#parametersChanged}} open{{/parametersChanged}}><summary>Policy parameters</summary>
        {{#parameters}}<div class="setting">
        <label for="set-{{n}}">{{label}} <span class="muted">({{unit}}; <code>{{key}}</code>)</span></label>
        <input type="number" id="set-{{n}}" name="set.{{key}}" value="{{current}}" min="{{minimum}}" max="{{maximum}}" step="any" data-baseline="{{valueText}}">
        <input type="range" aria-label="{{label}}, slider" data-for="set-{{n}}" min="{{minimum}}" max="{{maximum}}" step="{{step}}" value="{{current}}">
        <p class="cite">{{minimum}} to {{maximum}}. {{citation}}</p>
        </div>{{/parameters}}
        </details>
        <details{{#rulesChanged}} open{{/rulesChanged}}><summary>Rules that may be switched off</summary>
        <p class="muted">Guidance, state options and assumptions only; law and regulation change in a copied policy folder.</p>
        {{#rules}}<div class="rule"><input type="checkbox" id="rule-{{n}}" name="off.{{key}}"{{#off}} checked{{/off}}>
        <label for="rule-{{n}}">switch off <code>{{key}}</code>: {{text}}</label><p class="cite">{{citation}}</p></div>{{/rules}}
        </details>
        <details{{#rosterChanged}} open{{/rosterChanged}}><summary>Roster</summary>
        <div class="setting"><label for="roster">Plan with</label>
        <select id="roster" name="roster">{{#rosters}}<option value="{{value}}"{{#on}} selected{{/on}}>{{label}}</option>{{/rosters}}</select>
        <p class="cite">Rosters kept on the <a href="/s/{{id}}/roster">Roster</a> page (in the scenario's <code>rosters/</code> folder).</p></div>
        </details>
        <details{{#fundOpen}} open{{/fundOpen}}><summary>A new fund</summary>
        <div class="setting"><label for="fund-id">Its id (letters, digits, hyphens)</label>
        <input type="text" id="fund-id" name="fund.id" value="{{fundID}}" pattern="[a-z0-9]+(-[a-z0-9]+)*"></div>
        <div class="setting"><label for="fund-budget">Its budget ($)</label>
        <input type="number" id="fund-budget" name="fund.budget" value="{{fundBudget}}" min="0" step="any"></div>
        <fieldset><legend>Costs it may pay</legend>
        {{#categories}}<label class="check"><input type="checkbox" name="fund.allowable" value="{{value}}"{{#on}} checked{{/on}}> {{label}}</label>{{/categories}}
        </fieldset>
        </details>
        <div class="actions">
        <button type="submit">Re-plan</button>
        <a class="button" href="/s/{{id}}">Back to the baseline</a>
        </div>
        <fieldset class="save"><legend>Keep this what-if</legend>
        <label for="whatif-name">Name</label> <input type="text" id="whatif-name" name="name" maxlength="80">
        <button type="submit" formaction="/s/{{id}}/whatifs" id="save-whatif">Save as a what-if file</button>
        </fieldset>
        <fieldset class="downloads"><legend>Download this plan</legend>
        <button type="submit" formaction="/s/{{id}}/download" name="format" value="xlsx">Excel (.xlsx)</button>
        <button type="submit" formaction="/s/{{id}}/download" name="format" value="html">HTML</button>
        <button type="submit" formaction="/s/{{id}}/download" name="format" value="json">JSON</button>
        <button type="submit" formaction="/s/{{id}}/download" name="format" value="csv">CSV</button>
        </fieldset>
        <fieldset class="sweep"><legend>Sweep a setting</legend>
        <label for="sweep-key">Setting</label>
        <select id="sweep-key">{{#sweepable}}<option value="{{key}}" data-from="{{minimum}}" data-to="{{maximum}}">{{label}}</option>{{/sweepable}}</select>
        <label for="sweep-from">From</label> <input type="number" id="sweep-from" step="any">
        <label for="sweep-to">To</label> <input type="number" id="sweep-to" step="any">
        <label for="sweep-points">Points</label> <input type="number" id="sweep-points" value="11" min="2" max="101">
        <button type="button" id="sweep-start" data-url="/s/{{id}}/sweeps">Run the sweep</button>
        <button type="button" id="sweep-cancel" disabled>Cancel</button>
        <p id="sweep-progress" role="status" aria-live="polite"></p>
        <div id="sweep-chart" class="chart" aria-label="Served at each point of the sweep"></div>
        </fieldset>
        </form>
        <div class="result">
        <p id="solving" role="status"></p>
        <section id="result" aria-live="polite" aria-busy="false" aria-label="The plan">
        {{{result}}}
        </section>
        </div>
        </div>
        """

    static let result = """
        <p class="timing muted" id="timing">{{timing}}</p>
        {{#problem}}<div class="problem" role="alert"><h2>This what-if cannot be planned</h2><pre>{{problem}}</pre></div>{{/problem}}
        {{{report}}}
        """

    static let explain = """
        <h1>{{participant}}</h1>
        <p><a href="/s/{{id}}">Back to the plan</a></p>
        <pre class="explain">{{text}}</pre>
        """

    static let eligibility = """
        <h1>Who each stream may pay</h1>
        <p class="muted">Each cell says whether a stream may pay the participant and, when not, the rule that
        decides it (its text and citation on hover, and in the list below).
        Participants {{first}}–{{last}} of {{count}}.</p>
        {{#pages}}<nav class="pages" aria-label="Pages">{{#previous}}<a href="?page={{previous}}">Previous</a>{{/previous}}
        {{#next}}<a href="?page={{next}}">Next</a>{{/next}}</nav>{{/pages}}
        <table class="matrix"><thead><tr><th scope="col">participant</th>{{#streams}}<th scope="col">{{.}}</th>{{/streams}}</tr></thead>
        <tbody>{{#rows}}<tr><th scope="row"><a href="/s/{{id}}/participants/{{participant}}">{{participant}}</a></th>
        {{#cells}}<td class="{{css}}" title="{{title}}">{{mark}} {{rule}}</td>{{/cells}}</tr>{{/rows}}</tbody></table>
        <h2>The deciding rules</h2>
        <table><thead><tr><th scope="col">rule</th><th scope="col">what it says</th><th scope="col">citation</th></tr></thead>
        <tbody>{{#rules}}<tr><td><code>{{key}}</code></td><td>{{text}}</td><td>{{citation}}</td></tr>{{/rules}}</tbody></table>
        """

    static let roster = """
        <h1>Check a roster</h1>
        <p>Upload a roster (CSV or Excel .xlsx, at most {{limit}}) to check it against this scenario's
        programs and columns. It is read, checked and deleted, and nothing of it is logged — unless you
        ask to keep it: a roster with no problems is then kept in the scenario's <code>rosters/</code>
        folder, to plan with (Plan › What if… › Roster) and to name in a what-if file.</p>
        <form id="roster-form" method="post" action="/s/{{id}}/roster" data-csrf="{{csrf}}">
        <label for="roster-file">Roster file</label>
        <input type="file" id="roster-file" name="roster" accept=".csv,.xlsx" required>
        <label class="check"><input type="checkbox" id="roster-keep" name="keep"> Keep it to plan with</label>
        <button type="submit" id="roster-check">Check it</button>
        </form>
        <section id="roster-result" aria-live="polite"></section>
        """

    static let messages = """
        {{#ok}}<p class="ok" role="status">{{ok}}</p>{{/ok}}
        {{#kept}}<p>Kept as <code>{{path}}</code>. <a id="roster-plan" href="{{url}}">Plan with it</a> beside the baseline.</p>{{/kept}}
        {{#count}}<div class="problem" role="alert"><h2>{{count}} problem{{plural}} in {{file}}</h2>
        <ul class="messages">{{#errors}}<li>{{.}}</li>{{/errors}}</ul>{{#more}}<p>… and {{more}} more.</p>{{/more}}</div>{{/count}}
        """

    static let history = """
        <h1>Runs of this scenario</h1>
        <p class="muted">Every plan the workbench found, newest first. Open one to see it again (it is solved anew:
        the same input gives the same plan).</p>
        <form method="get" action="/s/{{id}}/history/compare">
        <table><thead><tr><th scope="col">A</th><th scope="col">B</th><th scope="col">when (UTC)</th><th scope="col">changes</th><th scope="col" class="num">served</th>
        <th scope="col" class="num">dollars braided</th><th scope="col">status</th><th scope="col" class="num">seconds</th><th scope="col"></th></tr></thead>
        <tbody>{{#runs}}<tr><td><input type="radio" name="a" value="{{run}}" aria-label="run {{run}} as A"></td>
        <td><input type="radio" name="b" value="{{run}}" aria-label="run {{run}} as B"></td><td>{{at}}</td><td>{{changes}}</td><td class="num">{{served}} of {{applicants}}</td>
        <td class="num">{{spent}}</td><td>{{status}}</td><td class="num">{{seconds}}</td>
        <td><a href="/s/{{id}}?run={{run}}">open</a></td></tr>{{/runs}}</tbody></table>
        {{#any}}<button type="submit" id="compare-runs">Compare run A with run B</button>{{/any}}
        </form>
        {{^runs}}<p>No runs yet.</p>{{/runs}}
        """

    static let runs = """
        <h1>Run {{a}} and run {{b}}</h1>
        <p>A: {{changesA}}<br>B: {{changesB}} <span class="muted">(B planned close to A, as <code>braid compare</code> plans a what-if against its base)</span></p>
        <p><a href="/s/{{id}}/history">Back to the history</a></p>
        {{{report}}}
        """

    static let saved = """
        <h1>Saved</h1>
        <p role="status">The what-if is saved as <code>{{path}}</code>. Run it from a terminal with</p>
        <pre>{{command}}</pre>
        <p><a href="/s/{{id}}">Back to the plan</a></p>
        """

    static let problem = """
        <h1>{{title}}</h1>
        <div class="problem" role="alert"><pre>{{message}}</pre></div>
        <p><a href="/">Back to the start</a></p>
        """
}
