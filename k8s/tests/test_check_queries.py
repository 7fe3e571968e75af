#!/usr/bin/env python3
"""Tests of check_queries.py's variable substitution and leaf splitting (no Prometheus
needed). Run by check_monitoring.py, or: python3 k8s/tests/test_check_queries.py"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_queries import is_scalar_literal, leaves, substitute  # noqa: E402


class Substitute(unittest.TestCase):
    def test_built_in_intervals_become_fixed_durations(self):
        self.assertEqual(substitute("rate(x[$__rate_interval])"), "rate(x[1m])")
        self.assertEqual(substitute("rate(x[${__interval}])"), "rate(x[1m])")
        self.assertEqual(substitute("increase(x[$__range])"), "increase(x[5m])")

    def test_a_dashboard_variable_matches_anything(self):
        self.assertEqual(substitute('up{service=~"$service"}'), 'up{service=~".+"}')
        self.assertEqual(substitute('up{service=~"${service}", route=~"$route"}'),
                         'up{service=~".+", route=~".+"}')

    def test_an_equality_matcher_holding_a_variable_becomes_a_regex(self):
        self.assertEqual(substitute('up{service="$service"}'), 'up{service=~".+"}')
        self.assertEqual(substitute('up{service!="${service}"}'), 'up{service!~".+"}')

    def test_matchers_without_variables_are_kept(self):
        self.assertEqual(substitute('up{service="panel", le="0.5"}'), 'up{service="panel", le="0.5"}')

    def test_the_datasource_and_replacement_groups_are_not_values(self):
        self.assertEqual(substitute("up$datasource"), "up")
        self.assertEqual(substitute('label_replace(up, "a", "$1", "b", "(.*)")'),
                         'label_replace(up, "a", "$1", "b", "(.*)")')


class Leaves(unittest.TestCase):
    def test_a_plain_query_is_its_own_leaf(self):
        self.assertEqual(leaves('sum by (service) (rate(x{a="b"}[5m]))'), ['sum by (service) (rate(x{a="b"}[5m]))'])

    def test_comparisons_split_and_scalars_are_skipped(self):
        self.assertEqual(leaves("up == 0"), ["up"])
        self.assertEqual(leaves("a > 0.5"), ["a"])
        self.assertEqual(leaves("a >= b"), ["a", "b"])
        self.assertEqual(leaves("a <= (14.4 * 0.001)"), ["a"])
        self.assertEqual(leaves("a != 1e-3"), ["a"])
        self.assertEqual(leaves("a < -Inf"), ["a"])
        self.assertEqual(leaves("0 < a"), ["a"])

    def test_bool_and_vector_matching_modifiers_are_dropped(self):
        self.assertEqual(leaves("a > bool 0"), ["a"])
        self.assertEqual(leaves("a > on (service) group_left (x) b"), ["a", "b"])
        self.assertEqual(leaves("a == bool ignoring(instance) b"), ["a", "b"])

    def test_set_operators_split_in_any_case(self):
        self.assertEqual(leaves("a and b or c unless d"), ["a", "b", "c", "d"])
        self.assertEqual(leaves("a AND b"), ["a", "b"])
        self.assertEqual(leaves("a unless on (service) sum by (service) (b) == 0"),
                         ["a", "sum by (service) (b)"])

    def test_names_containing_operator_words_are_not_split(self):
        self.assertEqual(leaves("error_or_and_unless_total"), ["error_or_and_unless_total"])
        self.assertEqual(leaves("sum by (order, band) (x)"), ["sum by (order, band) (x)"])
        self.assertEqual(leaves("candor:ratio_rate5m > 0"), ["candor:ratio_rate5m"])

    def test_operators_inside_brackets_strings_and_comments_do_not_split(self):
        self.assertEqual(leaves('x{a!="b", c=~"d|e>f and g"}'), ['x{a!="b", c=~"d|e>f and g"}'])
        self.assertEqual(leaves("count(up == 0)"), ["count(up == 0)"])
        self.assertEqual(leaves("max_over_time((a > 0)[5m:1m])"), ["max_over_time((a > 0)[5m:1m])"])
        self.assertEqual(leaves("a # or b > 0\n> 1"), ["a"])
        self.assertEqual(leaves("x{a='it\\'s > 1'} > 1"), ["x{a='it\\'s > 1'}"])

    def test_parentheses_around_a_split_are_descended_into(self):
        self.assertEqual(leaves("(a > 1) and (b < 2)"), ["a", "b"])
        self.assertEqual(leaves("((a or b))"), ["a", "b"])
        self.assertEqual(leaves("(\n  a\n  > 1\n)\nand on (x)\n(b)"), ["a", "b"])

    def test_arithmetic_is_not_a_split(self):
        # The error ratio returns a series even without errors only as a whole.
        ratio = "(sum(rate(e[5m])) or sum(rate(t[5m])) * 0) / sum(rate(t[5m]))"
        self.assertEqual(leaves(ratio), [ratio])
        self.assertEqual(leaves("(a or b) / c > 0.1"), ["(a or b) / c"])

    def test_absent_evaluates_its_argument(self):
        self.assertEqual(leaves('absent(up{service="panel"})'), ['up{service="panel"}'])
        self.assertEqual(leaves('absent(up{service="a"}) or absent(up{service="b"})'),
                         ['up{service="a"}', 'up{service="b"}'])
        self.assertEqual(leaves("absent_over_time(up[5m])"), ["absent_over_time(up[5m])"])

    def test_repeated_leaves_come_once_and_whitespace_is_normalised(self):
        self.assertEqual(leaves("a > 1 and a < 5"), ["a"])
        self.assertEqual(leaves("sum by (s)\n   (x)"), ["sum by (s) (x)"])

    def test_scalar_literals(self):
        for scalar in ["0", "0.5", "(14.4 * 0.001)", "-1", "1e3", "0x1F", "Inf", "NaN", "2 ^ 3 % 2"]:
            self.assertTrue(is_scalar_literal(scalar), scalar)
        for vector in ["up", "Info", "nan_total", "time()", "1 + up", "vector(1)"]:
            self.assertFalse(is_scalar_literal(vector), vector)

    def test_unbalanced_brackets_are_an_error(self):
        with self.assertRaises(ValueError):
            leaves("(a > 1")


if __name__ == "__main__":
    unittest.main()
