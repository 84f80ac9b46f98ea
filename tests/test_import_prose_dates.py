"""Deadlines an item states in its prose (…，2025年6月底前完成全部改造。), read as a careful curator reads them
(importer stage 5, ``prose_dates``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.importer.draft import dump
from generator.importer.pipeline import Settings, import_source
from generator.importer.report import walk_item_dicts
from projects import demo_vocabulary


@pytest.fixture
def vocabulary(tmp_path):
    return demo_vocabulary(tmp_path)


def imported(tmp_path: Path, vocabulary, items: str, **settings):
    path = tmp_path / "plan.txt"
    path.write_text("示例市教育局2025年工作要点\n一、主要任务\n" + items, encoding="utf-8")
    result = import_source(str(path), Settings(organisation="demo-edu", **{"year": 2025, **settings}), vocabulary)
    assert result.errors == ()
    return result


def deadlines(result) -> list:
    return [item.get("deadline") for item in walk_item_dicts(result.plan["sections"])]


def prose_notes(result) -> list[tuple[int, str]]:
    return [(u.line, u.message) for u in result.unsure if "in its text" in u.message or "from its text" in u.message]


def test_the_one_deadline_an_items_prose_states_is_its_deadline_and_reported(tmp_path, vocabulary):
    result = imported(tmp_path, vocabulary,
                      "1.推进校舍改造。加快老旧校舍维修，2025年6月底前完成全部改造。\n"
                      "2.推进智慧校园建设。年底前实现全覆盖，建好用好平台。\n"
                      "3.开展安全检查。9月份开学前完成校舍安全检查，9月份开学前完成消防检查。\n"  # one day, twice
                      "4.完善招生办法。第三季度建成招生平台。\n"
                      "5.加强师德建设。开展师德专题教育。\n")
    assert deadlines(result) == [date(2025, 6, 30), date(2025, 12, 31), date(2025, 9, 30), date(2025, 9, 30), None]
    assert prose_notes(result) == [
        (3, "deadline of item 1 read from its text, “2025年6月底前完成”: check it"),
        (4, "deadline of item 2 read from its text, “年底前实现”: check it"),
        (5, "deadline of item 3 read from its text, “9月份开学前完成”: check it"),
        (6, "deadline of item 4 read from its text, “第三季度建成”: check it")]


def test_an_item_stating_several_deadline_days_gets_none_and_the_days_are_reported(tmp_path, vocabulary):
    """Stages of one task or milestones of several works (as seed 003's item 24, 2024年8月底前…竣工投用 beside
    2024年9月前…开工建设 and 年底开工, which its curator left without a deadline): which day is the item's is the
    curator's call."""
    result = imported(tmp_path, vocabulary,
                      "1.开展隐患排查整治。6月底前完成排查，年底前完成整治。\n"
                      "2.建设新校区。9月前开工建设，力争年底前主体封顶。\n")
    assert deadlines(result) == [None, None]
    assert prose_notes(result) == [
        (3, "item 1 states several deadlines in its text, “6月底前完成”、“年底前完成”: none taken, set it by hand"),
        (4, "item 2 states several deadlines in its text, “9月前开工”、“年底前”: none taken, set it by hand")]


@pytest.mark.parametrize("prose", [
    "2025年7月1日起执行新的招生办法。",           # a day something starts
    "9月底前启动新校区建设。",                    # a start of works, not their completion
    "2024年8月底前完成的项目做好审计。",            # another year (the past)
    "次年3月底前完成竣工验收。",                   # another year
    "每年6月底前报送资助数据。",                   # every year
    "力争三年内实现集团化办学全覆盖。",             # a span of years
    "确保年底前全市义务教育巩固率达到99%。",        # the target's, in its clause
])
def test_a_prose_date_that_is_no_deadline_of_the_item_gives_none(tmp_path, vocabulary, prose):
    result = imported(tmp_path, vocabulary, f"1.推进校舍改造。加快老旧校舍维修，2025年6月底前完成全部改造。\n"
                                            f"2.做好相关工作。{prose}\n")
    assert deadlines(result) == [date(2025, 6, 30), None]
    assert [line for line, _ in prose_notes(result)] == [3]


def test_a_date_in_digits_is_read_as_the_other_prose_dates_are(tmp_path, vocabulary):
    result = imported(tmp_path, vocabulary,
                      "1.推进校舍改造。加快老旧校舍维修，2025.6.30前完成全部改造。\n"
                      "2.推进智慧校园建设。2025.6底前实现全覆盖。\n"
                      "3.推进食堂改造。2024.6.30前完成的项目做好审计。\n"  # another year
                      "4.推进操场改造。2025.5.31前完成排查，2025.9底前完成整治。\n")  # several days
    assert deadlines(result) == [date(2025, 6, 30), date(2025, 6, 30), None, None]
    assert prose_notes(result) == [
        (3, "deadline of item 1 read from its text, “2025.6.30前完成”: check it"),
        (4, "deadline of item 2 read from its text, “2025.6底前实现”: check it"),
        (6, "item 4 states several deadlines in its text, “2025.5.31前完成”、“2025.9底前完成”: none taken, "
            "set it by hand")]


# The event as reported -> a sentence stating it
EVENTS = {"国庆节前完成": "国庆节前完成校园安全排查。", "中秋节前": "中秋节前，走访慰问困难教师。",
          "端午节前完成": "端午节前完成防溺水教育。", "清明节前完成": "清明节前完成森林防火检查。",
          "秋季学期开学前完成": "秋季学期开学前完成校舍维修。", "主汛期到来前完成": "主汛期到来前完成河道清淤。",
          "国庆节前组织开展": "国庆节前组织开展“村晚”展演活动。", "汛前开展": "汛前开展水库隐患排查。",
          "春节前举办": "春节前举办迎新春送春联活动。",
          "汛期来临前完成": "汛期来临前完成山塘隐患排查。", "雨季来临前完成": "雨季来临前完成危房加固。",
          "下学期开学前完成": "下学期开学前完成课桌椅更新。", "五一劳动节前完成": "五一劳动节前完成景区安全检查。"}


def test_a_deadline_by_an_event_gives_no_day_and_is_reported(tmp_path, vocabulary):
    """汛前, 开学前, 春节前: the day of the flood season, the term or the festival is the plan's region's, or the
    year's, and none the plan states; the curator is told, and a day the item states is still read.  Festivals with
    节 (国庆节前), a term's 学期 (秋季学期开学前) and a season's coming (主汛期到来前) were not told, nor was an event
    before what is done by it rather than completed (国庆节前组织开展…, 汛前开展…, 春节前举办…)."""
    result = imported(tmp_path, vocabulary,
                      "1.做好防汛工作。汛前完成全部水库隐患排查。\n"
                      "2.开展安全检查。秋季开学前完成校舍安全检查。\n"
                      "3.做好慰问工作。春节前，走访慰问困难教师，5月底前完成总结。\n"
                      "4.完善“四预”措施。汛前（5月15日前）完成全部水库汛限水位核定。\n"  # the day named
                      "5.做好开学准备。9月份开学前完成教材发放，做好开学前准备工作。\n"  # dated; 开学前 of a noun
                      "6.做好防汛工作。每年汛前完成排查。\n"  # every year
                      "7.做好防汛工作。汛前完成排查。（责任单位：水利站，2025年5月底前完成）\n"  # stated
                      + "".join(f"{number}.做好安全工作。{sentence}\n" for number, sentence in enumerate(EVENTS.values(), 8)))
    assert deadlines(result) == [None, None, date(2025, 5, 31), date(2025, 5, 15), date(2025, 9, 30), None,
                                 date(2025, 5, 31)] + [None] * len(EVENTS)
    assert [(u.line, u.message) for u in result.unsure if "event" in u.message] == [
        (3, "item 1 states a deadline by an event in its text, “汛前完成”: no day read from it, "
            "check the item's deadline"),
        (4, "item 2 states a deadline by an event in its text, “秋季开学前完成”: no day read from it, "
            "check the item's deadline"),
        (5, "item 3 states a deadline by an event in its text, “春节前”: no day read from it, "
            "check the item's deadline")] + [
        (number + 2, f"item {number} states a deadline by an event in its text, “{event}”: no day read from it, "
                     "check the item's deadline") for number, event in enumerate(EVENTS, 8)]


def test_a_stated_deadline_is_kept_whatever_the_prose_says(tmp_path, vocabulary):
    result = imported(tmp_path, vocabulary, "1.推进校舍改造。6月底前完成排查。（责任单位：计财科，长期坚持）\n"
                                            "2.推进智慧校园建设。年底前实现全覆盖。（责任单位：电教馆，2025年9月底前完成）\n"
                                            "3.推进食堂改造。年底前完成全部改造。\n")
    assert deadlines(result) == [None, date(2025, 9, 30), date(2025, 12, 31)]
    assert [line for line, _ in prose_notes(result)] == [5]


def test_a_reviews_prose_dates_are_of_work_done(tmp_path, vocabulary):
    result = imported(tmp_path, vocabulary, "1.完成校舍改造。6月底前完成全部改造，消除危房，汛前完成排查。\n",
                      kind="review")
    assert deadlines(result) == [None] and prose_notes(result) == []


def test_a_school_years_prose_deadline_is_of_the_year_its_month_falls_in(tmp_path, vocabulary):
    path = tmp_path / "school.txt"
    path.write_text("示例县实验中学2025—2026学年第一学期工作计划\n一、主要工作\n"
                    "1.组织期末考试。1月20日前完成阅卷。\n", encoding="utf-8")
    result = import_source(str(path), Settings(organisation="demo-edu", year=2025), vocabulary)
    assert deadlines(result) == [date(2026, 1, 20)]


def test_a_prose_date_in_a_targets_clause_is_the_targets_deadline(tmp_path, vocabulary):
    """The clause, not the sentence: a day in a clause of its own is the item's (2025年10月底前完成 after the target
    建设托育综合服务中心2个, 5月底前完成防汛物资储备 beside the target 12座小型水库 in the clause before it)."""
    result = imported(tmp_path, vocabulary, "1.推进保交房工作。2025年6月底前完成已售难交付住房交付3200套，交付率达到100%。\n"
                                            "2.推进智慧校园建设。年底前全市中小学智慧校园覆盖率达到100%。"
                                            "（责任单位：电教馆，2025年12月底前完成）\n"
                                            "3.推进托育服务。建设托育综合服务中心2个，2025年10月底前完成。\n"
                                            "4.做好防灾减灾。完成全镇12座小型水库的排查，5月底前完成防汛物资储备。\n")
    drafted = [([(t["value"], t.get("deadline")) for t in item["targets"]], item.get("deadline"))
               for item in walk_item_dicts(result.plan["sections"])]
    assert drafted == [([(3200, date(2025, 6, 30)), (100, None)], None),
                       ([(100, None)], date(2025, 12, 31)),  # the item's deadline, not the target's own
                       ([(2, None)], date(2025, 10, 31)),
                       ([(12, None)], date(2025, 5, 31))]
    assert [(u.line, u.message) for u in result.unsure if "clause" in u.message] == [
        (3, "deadline of target “完成已售难交付住房交付3200套” of item 1 read from its clause, "
            "“2025年6月底前完成”: check it")]


def test_a_day_heading_a_list_of_targets_after_a_colon_is_the_items(tmp_path, vocabulary):
    """A colon ends a milestone's clause as it ends a target's: the day before it is the whole item's, which its
    targets share, not a day of the first target's own."""
    result = imported(tmp_path, vocabulary, "1.推进学校建设。2025年8月底前完成：新建学校3所、改扩建学校5所。\n")
    item = next(walk_item_dicts(result.plan["sections"]))
    assert item["deadline"] == date(2025, 8, 31)
    assert [(t["value"], t.get("deadline")) for t in item["targets"]] == [(3, None), (5, None)]
    assert [line for line, _ in prose_notes(result)] == [3]


def test_targets_due_the_same_day_have_it_written_out_each(tmp_path, vocabulary):
    result = imported(tmp_path, vocabulary, "1.推进智慧校园建设。年底前建成智慧校园示范校40所、创客空间20个。\n")
    written = dump(result.plan)
    assert written.count("deadline: 2025-12-31") == 2 and "&id" not in written
