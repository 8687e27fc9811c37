//! The Chinese names of a plan's keys, for messages, the schema and skeletons.

/// The Chinese name of a key of the table `def` (the schema's definition name), where the same
/// key means another thing there: an allocation's amount is 分配资金, not a project's 规划投资.
pub(crate) fn field_label_in(def: &str, key: &str) -> Option<&'static str> {
    match (def, key) {
        ("Project", _) => super::fields::project(key)
            .map(|f| f.label)
            .or_else(|| field_label(key)),
        ("Allocation", "amount") => Some("分配资金"),
        ("Source", "amount") | ("Item", "amount") => Some("金额"),
        ("Source", "name") => Some("资金来源名称"),
        ("Item", "name") => Some("子项名称"),
        _ => field_label(key),
    }
}

/// The Chinese name of a key, for messages ("leader" → "责任领导"): a project's or the
/// notice's field as its table names it (`plan::fields`; a project's "name" there is 项目名称,
/// here the 名称 of anything).
pub(crate) fn field_label(key: &str) -> Option<&'static str> {
    if let Some(f) = super::fields::project(key).filter(|f| f.key != "name") {
        return Some(f.label);
    }
    if let Some(f) = super::fields::notice(key) {
        return Some(f.label);
    }
    Some(match key {
        "notice" => "通知",
        "plan" => "实施方案",
        "policy" => "政策要求",
        "fonts" => "字体",
        "correction" => "更正",
        "mode" => "更正方式",
        "notice_number" => "更正通知文号",
        "original" => "原文号",
        "heading1" => "一级标题字体",
        "heading2" => "二级标题字体",
        "page_number" => "页码字体",
        "yi" => "彝文字体",
        "roster" => "名册文件",
        "year" => "年度",
        "program" => "协作项目名称（如东西部协作）",
        "scheme" => "是否印发实施方案",
        "funding" => "下达资金",
        "unit" => "金额单位",
        "dates" => "日期印法（日/月）",
        "preamble" => "前言",
        "sections" => "章节",
        "heading" => "标题",
        "paragraphs" => "段落",
        "projects" => "项目",
        "categories" => "项目类别",
        "annex" => "附件",
        "name" => "名称",
        "intro" => "引言",
        "industry" => "是否产业类",
        "subtotal" => "小计",
        "amount" => "规划投资",
        "allocations" => "资金分配",
        "recipient" => "乡镇（单位）",
        "purpose" => "用途",
        "summary" => "概述句",
        "print" => "是否印出",
        "share_decimals" => "占比小数位数",
        "share_words" => "占比前的字",
        "required" => "必填的项目字段",
        "accept" => "接受的警告",
        "rule" => "规则代码",
        "reason" => "理由",
        "filler" => "填报单位",
        "columns" => "表格列",
        "widths" => "列宽",
        "min_share" => "最低占比",
        "run_in" => "段首小标题",
        "text" => "正文",
        "places" => "地点",
        "units" => "单位",
        "leaders" => "领导",
        _ => return None,
    })
}
