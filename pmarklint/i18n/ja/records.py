"""日本語: 従業者名簿とPDCAの記録のチェック(PML6xx)、および値を表す語(``employment.*``、``topic.*`` など)。
対応する英語は en/records.py。"""

MESSAGES = {
    "list.separator": "、",
    "expect.month_day": 'MM-DD 形式の月日(例: "04-01"、日は28日まで)',
    # the roles rules.py does not name yet, in the words of the reports (report.role.*)
    "role.department_manager": "部門管理者",
    "role.education_lead": "教育責任者",
    "role.complaints_desk": "苦情相談窓口",
    "role.secretariat": "事務局",
    "role.application_contact": "Pマーク申請担当者",
    "role.sysadmin": "システム管理者",
    "role.entry_manager": "入退室管理責任者",
    "employment.officer": "役員",
    "employment.regular": "正社員",
    "employment.contract": "契約社員",
    "employment.part_time": "パート",
    "employment.dispatched": "派遣",
    # PML601
    "PML601.left": "{name} は {left} に退職していますが、{role} の役割が残っています: 後任を任命し、この人の役割を外してください",
    # PML602
    "PML602.after_left": "{name} の承認の日付 {date} は退職日({left})以降です: 在籍している人が承認してください",
}

RULE_DOCS = {
    "PML601": {
        "title": "退職した人に PMS の役割が残っている",
        "what": "退職日(left)を過ぎた人に PMS の役割(roles)が残っていると警告します。",
        "why": "退職した人の役割は実際には空席で、PMS の運用、監査、教育をする人がいません(J.2.3.2)。トップマネジメントが"
        "後任を任命します。個人情報保護管理者の交代は審査機関への変更報告も必要です。",
        "fix": "役割を後任に移し、退職した人からは外してください(記録のため、その人は left を書いたまま残します)。",
    },
    "PML602": {
        "title": "退職後の日付の承認",
        "what": "承認した人の退職日(left)以降の日付の承認を報告します。",
        "why": "在籍中に行った承認は有効なままですが、退職後は組織として承認できません(J.2.3.1)。",
        "fix": "在籍していて承認できる役割を持つ人が承認してください(pmarklint sign)。",
    },
}
