#!/usr/bin/env python3
"""Browser tests of `braid serve` in Debian's Chromium through chromedriver (Selenium).

Each test runs against a server opened on a scratch copy of the shipped default scenario; the
screenshots and the printed PDF land in $BRAID_SCREENSHOTS (default .build/browser-screenshots)
and are listed at the end. Run with `make browser-test` (part of `make test`).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BRAID = os.environ.get("BRAID", os.path.join(ROOT, ".build", "debug", "braid"))
SHOTS = os.environ.get("BRAID_SCREENSHOTS", os.path.join(ROOT, ".build", "browser-screenshots"))
saved = []


def braid(*args):
    """Runs the CLI; returns (exit code, stdout)."""
    done = subprocess.run([BRAID, *args], capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout + done.stderr


class Workbench(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.mkdtemp(prefix="braid-browser-")
        cls.scenario = os.path.join(cls.scratch, "default")
        shutil.copytree(os.path.join(ROOT, "Scenarios", "default"), cls.scenario)
        cls.server = subprocess.Popen(
            [BRAID, "serve", cls.scenario, "--port", "0", "--policies", os.path.join(ROOT, "Policies")],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = cls.server.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not match:
            cls.server.kill()
            raise RuntimeError("braid serve did not start: " + line + cls.server.stderr.read())
        cls.url = "http://127.0.0.1:%s" % match.group(1)
        options = webdriver.ChromeOptions()
        for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1300,1800"]:
            options.add_argument(flag)
        if os.path.exists("/usr/bin/chromium"):
            options.binary_location = "/usr/bin/chromium"
        driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        cls.browser = webdriver.Chrome(service=Service(driver), options=options)
        os.makedirs(SHOTS, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.browser.quit()
        cls.server.terminate()
        cls.server.wait(timeout=10)
        shutil.rmtree(cls.scratch, ignore_errors=True)

    def shot(self, name):
        path = os.path.join(SHOTS, name + ".png")
        self.browser.save_screenshot(path)
        saved.append(path)

    def wait(self, condition, seconds=30):
        return WebDriverWait(self.browser, seconds).until(condition)

    def headline(self, label):
        """The number in the headline box labelled `label` ("people served" → "7 of 12")."""
        # (Read in one script: the result panel is replaced while a plan arrives.)
        return self.browser.execute_script(
            "for (const box of document.querySelectorAll('#result .headline div')) {"
            "  const b = box.querySelector('b'); if (!b) continue;"
            "  if (box.textContent.replace(b.textContent, '').trim() === arguments[0]) return b.textContent; }"
            "return null;", label)

    def set_budget(self, key, value):
        field = self.browser.find_element(By.NAME, "set." + key)
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(str(value))

    def test_1_change_a_budget_and_see_the_plan_change(self):
        self.browser.get(self.url + "/")
        self.wait(EC.presence_of_element_located((By.ID, "result")))
        served = self.headline("people served")
        self.assertRegex(served, r"^\d+ of \d+$")
        self.shot("1-baseline")
        self.set_budget("wioa-adult.budget", 4000)
        self.wait(lambda b: self.headline("served, what-if") is not None)
        # The progress line is cleared once the plan is on screen.
        self.wait(lambda b: b.find_element(By.ID, "solving").text == "")
        what_if = int(self.headline("served, what-if"))
        lede = self.browser.find_element(By.CSS_SELECTOR, "#result .lede").text
        # The CLI's compare on the same change says the same.
        code, out = braid("compare", self.scenario, "--set", "wioa-adult.budget=4000", "--format", "json",
                          "--policies", os.path.join(ROOT, "Policies"))
        self.assertEqual(code, 0, out)
        result = json.loads(out)
        self.assertEqual(what_if, len(result["whatif"]["served"]))
        self.assertEqual(int(served.split()[0]), len(result["baseline"]["served"]))
        self.assertNotEqual(what_if, int(served.split()[0]))
        self.assertEqual(lede, result["changes"]["headline"])
        self.shot("2-what-if")

    def test_2_upload_a_bad_roster_and_see_the_grouped_messages(self):
        bad = os.path.join(self.scratch, "bad roster.csv")
        with open(os.path.join(self.scenario, "participants.csv")) as f:
            header = f.readline()
        with open(bad, "w") as f:
            f.write(header + "".join("p%d,no-such-program,30\n" % i for i in range(1, 5)))
        self.browser.get(self.url + "/s/default/roster")
        self.browser.find_element(By.ID, "roster-file").send_keys(bad)
        self.browser.find_element(By.ID, "roster-check").click()
        problem = self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "#roster-result .problem")))
        self.assertIn("bad roster.csv", problem.text)
        items = problem.find_elements(By.CSS_SELECTOR, "ul.messages li")
        self.assertGreater(len(items), 0)
        self.assertTrue(all("bad roster.csv" in i.text for i in items))
        self.shot("3-bad-roster")
        self.assertEqual(os.listdir(os.path.join(self.scenario, ".braid", "uploads")), [])

    def test_2b_keep_a_roster_and_plan_with_it_as_compare_does(self):
        spring = os.path.join(self.scratch, "Spring Intake.csv")
        with open(os.path.join(self.scenario, "participants.csv")) as f:
            lines = f.read().splitlines()
        with open(spring, "w") as f:
            f.write("\n".join([lines[0]] + ["new-" + l.split("-", 1)[1] for l in lines[1:8]]) + "\n")
        self.browser.get(self.url + "/s/default/roster")
        self.browser.find_element(By.ID, "roster-file").send_keys(spring)
        self.browser.find_element(By.ID, "roster-keep").click()
        self.browser.find_element(By.ID, "roster-check").click()
        link = self.wait(EC.element_to_be_clickable((By.ID, "roster-plan")))
        self.assertTrue(os.path.exists(os.path.join(self.scenario, "rosters", "spring-intake.csv")))
        link.click()
        self.wait(lambda b: self.headline("served, what-if") is not None)
        what_if = int(self.headline("served, what-if"))
        lede = self.browser.find_element(By.CSS_SELECTOR, "#result .lede").text
        self.assertTrue(lede.startswith("roster spring-intake.csv (7 applicants, was 12)"), lede)
        self.shot("3b-kept-roster")
        # The CLI's compare of a what-if naming that roster says the same.
        path = os.path.join(self.scratch, "spring.yaml")
        with open(path, "w") as f:
            f.write("base: default\nparticipants: default/rosters/spring-intake.csv\n")
        code, out = braid("compare", path, "--format", "json", "--policies", os.path.join(ROOT, "Policies"))
        self.assertEqual(code, 0, out)
        result = json.loads(out)
        self.assertEqual(what_if, len(result["whatif"]["served"]))
        self.assertEqual(lede, result["changes"]["headline"])
        # Back to the scenario's own roster from the edit panel.
        Select(self.browser.find_element(By.ID, "roster")).select_by_value("")
        self.wait(lambda b: self.headline("served, what-if") is None and self.headline("people served") is not None)

    def test_3_save_a_what_if_and_run_it_with_compare(self):
        self.browser.get(self.url + "/s/default")
        self.set_budget("perkins.budget", 2000)
        self.wait(lambda b: self.headline("served, what-if") is not None)
        self.browser.find_element(By.ID, "whatif-name").send_keys("Perkins cut")
        self.browser.find_element(By.ID, "save-whatif").click()
        try:
            command = self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "main pre")), 10).text
        except Exception:
            self.shot("debug-3")
            print(self.browser.current_url, self.browser.page_source[:3000])
            raise
        self.assertEqual(command, "braid compare what-if/perkins-cut.yaml")
        self.shot("4-saved")
        path = os.path.join(self.scenario, "what-if", "perkins-cut.yaml")
        code, out = braid("compare", path, "--policies", os.path.join(ROOT, "Policies"))
        self.assertEqual(code, 0, out)
        self.assertIn("perkins.budget=2000", out)

    def test_4_keyboard_labels_and_print(self):
        self.browser.get(self.url + "/s/default")
        self.wait(EC.presence_of_element_located((By.ID, "result")))
        body = self.browser.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        active = self.browser.switch_to.active_element
        self.assertEqual(active.get_attribute("class"), "skip")
        unlabelled = self.browser.execute_script(
            "return [...document.querySelectorAll('input:not([type=hidden]), select')]"
            ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.name || e.id)")
        self.assertEqual(unlabelled, [])
        pdf = self.browser.print_page()
        path = os.path.join(SHOTS, "5-print.pdf")
        import base64
        with open(path, "wb") as f:
            f.write(base64.b64decode(pdf))
        saved.append(path)
        with open(path, "rb") as f:
            self.assertEqual(f.read(4), b"%PDF")

    def test_5_a_sweep_is_drawn_as_it_runs(self):
        self.browser.get(self.url + "/s/default")
        self.wait(EC.presence_of_element_located((By.ID, "sweep-start")))
        points = self.browser.find_element(By.ID, "sweep-points")
        points.send_keys(Keys.CONTROL, "a")
        points.send_keys("5")
        self.browser.find_element(By.ID, "sweep-start").click()
        self.wait(lambda b: "done" in b.find_element(By.ID, "sweep-progress").text, 60)
        self.assertIn("5 of 5 points", self.browser.find_element(By.ID, "sweep-progress").text)
        self.assertEqual(len(self.browser.find_elements(By.CSS_SELECTOR, "#sweep-chart circle")), 5)
        self.shot("6-sweep")


if __name__ == "__main__":
    outcome = unittest.main(exit=False, verbosity=2).result
    for path in saved:
        print("screenshot:", os.path.relpath(path, ROOT))
    sys.exit(0 if outcome.wasSuccessful() else 1)
