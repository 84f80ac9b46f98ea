"""A long text in one item (a document whose numbering breaks folds into its last item) is read whole.

How the time grows with the length is measured, not asserted: ``make bench-import``
(``generator/bench/importscale.py``) prints it; reading was quadratic before ``spans``."""

from __future__ import annotations

from generator.importer.owners import find_owner_clause
from generator.importer.targets import find_targets
from generator.importer.textmap import joined, split_lines

# One task of a 任务分解方案 as printed, its owners on a line of their own; repeated, its numbers restart, so all of
# it is the text of one item.
TASK = ("1.推进紧密型县域医共体建设。完善医共体内人员、财务、药品统一管理，年内实现县域内住院率达到90%以上。\n"
        "牵头单位：医政医管股；配合单位：规划财务股、县人民医院；完成时限：2025年12月底前\n"
        "2.做实家庭医生签约服务。重点人群签约率稳定在75%以上，签约居民满意度不低于85%。\n"
        "牵头单位：基层卫生股；配合单位：各乡镇卫生院；完成时限：全年\n")


def test_the_lines_of_a_long_item_are_joined_and_its_owner_clause_found():
    repeats = 1000  # 4,000 lines
    text = joined([line.text for line in split_lines(TASK * repeats)], "\n")
    clause = find_owner_clause(text.text)
    assert text.text.count("\n") == 4 * repeats - 1
    assert clause is not None and clause.owners == ("基层卫生股",) and clause.deadline == "全年"


def test_the_targets_of_a_long_item_are_each_read():
    repeats = 4000  # 16,000 lines
    targets, _ = find_targets(TASK * repeats)
    assert len(targets) == 3 * repeats
    assert targets[-1].metric == "签约居民满意度" and targets[-1].value == 85
