"""Plain words for readers: what each row and column of the report tables means.

Labels come from ``model.spec``; only the explanations are written here. A test checks that
every part-3 and part-4 row and column has an explanation, so a new row cannot go unexplained.
"""

from __future__ import annotations

from ..model import spec

PART_NUMERALS = dict(enumerate("〇一二三四五六"))

TERMS = (
    ("政府信息公开", "行政机关把在履行职责过程中制作或者获取的信息，向社会公开。依据是《中华人民共和国政府信息公开条例》。"),
    ("主动公开", "机关不等人申请，自己把文件、办事事项等放到网站等渠道上公开（报告第二部分）。"),
    ("依申请公开", "公民、法人或其他组织向机关提出申请，要求公开某项政府信息（报告第三部分）。"),
    ("年度报告", "每个行政机关每年都要在1月31日前公布上一年的政府信息公开工作年度报告，内容分六个部分，表格格式由国务院办公厅统一规定。"),
    ("勾稽关系", "表格中数字之间应有的加减关系，例如“本年新收 + 上年结转 = 办理总计 + 结转下年度”。本站会核对这些关系；对不上时，说明原报告的表格本身有误，并不是本站转录出错。"),
    ("行政复议", "申请人对机关的答复不满意，向上级机关或复议机关申请重新审查（报告第四部分）。"),
    ("行政诉讼", "申请人对机关的答复不满意，向人民法院起诉（报告第四部分）。"),
    ("空白与“/”", "空白的格子表示原报告没有填写或看不清，不等于 0；“/”表示原报告写明不适用。"),
)

ROWS = {
    "received_new": "这一年里新收到的公开申请有多少件。",
    "carried_over": "上一年收到、没办完，转到这一年继续办的申请。",
    "disclosed": "申请的信息全部公开给了申请人。",
    "partially_disclosed": "只公开了一部分（例如其中涉及个人隐私的部分被删去）。一件申请只算一次。",
    "withheld_state_secret": "不予公开，因为信息属于国家秘密。",
    "withheld_prohibited_by_law": "不予公开，因为其他法律、行政法规禁止公开。",
    "withheld_three_safeties": "不予公开，因为公开后可能危及国家安全、公共安全、经济安全和社会稳定。",
    "withheld_third_party": "不予公开，因为会损害第三方（如个人隐私、商业秘密）的合法权益。",
    "withheld_internal_affairs": "不予公开，因为是机关的人事管理、后勤管理、内部工作流程等内部事务信息。",
    "withheld_process_information": "不予公开，因为是讨论记录、过程稿、磋商信函、请示报告等过程性信息。",
    "withheld_enforcement_files": "不予公开，因为是行政执法案卷信息。",
    "withheld_query_matters": "不予公开，因为属于工商、不动产登记等有专门查询渠道的事项。",
    "unavailable_not_held": "机关手里没有申请人要的信息。",
    "unavailable_needs_creation": "没有现成的信息，要重新制作才能提供，机关可以不提供。",
    "unavailable_unclear": "请申请人补充说明后，仍不清楚要的是什么信息。",
    "not_processed_petition": "申请实际上是信访、举报、投诉，转到相应渠道处理。",
    "not_processed_repeated": "同一申请人重复提出同样的申请。",
    "not_processed_publication": "要的是公开出版的书刊、资料等，可以自行获取。",
    "not_processed_excessive": "没有正当理由，大量、反复地提出申请。",
    "not_processed_confirmation": "要求机关确认或者重新出具申请人已经拿到的信息。",
    "other_processing": "不属于以上情形的其他处理结果（2019年版格式只有这一行）。",
    "other_overdue_correction": "申请人被要求补正申请，但没有正当理由逾期不补正，机关不再处理。",
    "other_unpaid_fee": "申请人没有按收费通知按时缴纳信息处理费，机关不再处理。",
    "other_other": "其他处理结果。",
    "total": "以上各项办理结果之和，即这一年办结的申请总数。",
    "carried_forward": "这一年没办完、转到下一年继续办理的申请。",
    "review": "因政府信息公开被申请行政复议的件数。",
    "litigation_direct": "没有经过行政复议，直接向法院起诉的件数。",
    "litigation_after_review": "先申请行政复议，对复议结果不服再起诉的件数。",
}

COLUMNS = {
    "natural_person": "以个人名义提出申请的公民。",
    "commercial": "公司等商业企业。",
    "research": "科研院所等科研机构。",
    "public_welfare": "基金会、社会团体等社会公益组织。",
    "legal_services": "律师事务所等法律服务机构。",
    "other_org": "其他法人或组织。",
    "total": "以上各类申请人之和。",
    "upheld": "复议机关或法院维持了原来的答复。",
    "corrected": "原来的答复被撤销、变更或确认违法，即机关被纠正。",
    "other_result": "驳回、申请人撤回、和解等其他结果。",
    "pending": "到年底还没有结果的案件。",
}


def rows_for_help() -> list[tuple[str, str, str]]:
    out = []
    for table in (spec.REQUESTS, spec.REVIEW_LITIGATION):
        for row in table.rows:
            out.append((f"第{PART_NUMERALS[table.part]}部分", row.full_label, ROWS[row.key]))
    return out


def columns_for_help() -> list[tuple[str, str]]:
    out = []
    for column in spec.REQUEST_COLUMNS[:-1] + spec.REVIEW_COLUMNS:
        out.append((column.full_label, COLUMNS[column.key]))
    return out
