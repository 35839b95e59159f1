export const timeline = {
  title: "タイムライン",
  lead: "承認済みプロジェクトのマイルストーンを時系列で表示します（1行につき1プロジェクト）。各マーカーは期限日のマイルストーンを表し、選択すると開きます。",
  filter: "タイムラインを絞り込む",
  period: "表示期間",
  earlierButton: "前へ",
  laterButton: "次へ",
  range: "{{from}}～{{until}}",
  monthsInBrackets_other: "（{{count}}か月）",
  show: "表示：",
  months_other: "{{count}}か月",
  backToToday: "今日に戻る",
  none: "条件に一致する承認済みプロジェクトはありません。",
  caption: "{{from}}～{{until}}のプロジェクト別マイルストーン",
  earlier_other: "これより前に{{count, number}}件",
  later_other: "これより後に{{count, number}}件",
  marker: "{{title}}：期限 {{due}}、$t(vocabulary.milestoneStatus.{{status}})",
  markerOverdue: "{{title}}：期限 {{due}}、$t(vocabulary.milestoneStatus.{{status}})、期限超過",
  noMilestones: "マイルストーンなし",
  legend: "凡例",
  overdueRinged: "期限超過（枠付き）",
  today: "今日",
};

export const pagination = {
  status: "{{counted}}・{{pages}}ページ中{{page}}ページ目",
  previous: "前へ",
  next: "次へ",
  page: "{{page}}ページ目",
  label: {
    projects: "プロジェクト一覧のページ",
    projectsWaiting: "審査待ちプロジェクトのページ",
    outputs: "生産量一覧のページ",
  },
  none: {
    projects: "プロジェクトはありません",
    projectsWaiting: "審査待ちのプロジェクトはありません",
    outputs: "生産量はありません",
  },
};

export const count = {
  projects_other: "プロジェクト {{count, number}}件",
  projectsWaiting_other: "審査待ち {{count, number}}件",
  outputs_other: "生産量 {{count, number}}件",
  milestones_other: "マイルストーン {{count, number}}件",
  pledges_other: "拠出表明 {{count, number}}件",
  tranches_other: "トランシェ {{count, number}}件",
  members_other: "{{count, number}}か国・機関",
  countries_other: "{{count, number}}か国",
};
