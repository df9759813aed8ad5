<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountabilityBar</name>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="45"/>
        <source>Return case…</source>
        <translation>退回案件…</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="46"/>
        <source>Arbitrate…</source>
        <translation>仲裁…</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="51"/>
        <source>Acknowledge</source>
        <translation>确认收到</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="95"/>
        <source> (suggests %1)</source>
        <translation>（建议 %1）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="97"/>
        <source>⚖ Returned by %1: %2%3 — “%4”. Arbitration due %5.</source>
        <translation>⚖ 由 %1 退回：%2%3 —“%4”。仲裁期限 %5。</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="110"/>
        <source>Last return %1 by %2: with %3.</source>
        <translation>上次退回：%1，由 %2 裁定，归 %3。</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="120"/>
        <source>Return the case for arbitration</source>
        <translation>退回案件，提交仲裁</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="126"/>
        <source>Give the case to the chosen department</source>
        <translation>将案件交给所选部门</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="131"/>
        <source>⚠ L%1 %2 on %3 since %4</source>
        <translation>⚠ %1 级 %2：%3 阶段，自 %4</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="152"/>
        <source>Return %1 (%2) — reason:</source>
        <translation>退回 %1（%2）— 原因：</translation>
    </message>
    <message>
        <location filename="../widgets/detail/accountability_bar.py" line="168"/>
        <source>Give %1 to %2 — reason:</source>
        <translation>将 %1 交给 %2 — 原因：</translation>
    </message>
</context>
<context>
    <name>AccountsTab</name>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="33"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="33"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="33"/>
        <location filename="../widgets/admin/accounts_tab.py" line="53"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="33"/>
        <source>Agency</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="33"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="47"/>
        <source>G-04-07, G-04-08</source>
        <translation>G-04-07, G-04-08</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="51"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="52"/>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="54"/>
        <source>Agency (liaisons)</source>
        <translation>部门（联络员）</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="55"/>
        <source>Grid cells (inspectors)</source>
        <translation>网格（巡查员）</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="56"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="60"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="61"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="62"/>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="63"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="64"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="65"/>
        <source>Set cells</source>
        <translation>设置网格</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="101"/>
        <source>Accounts live on the server: not available here</source>
        <translation>账户保存在服务器上：此处不可用</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="122"/>
        <source>%1: %2 done</source>
        <translation>%1：%2 已完成</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="128"/>
        <source>Refused: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="133"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../widgets/admin/accounts_tab.py" line="133"/>
        <source>active</source>
        <translation>启用中</translation>
    </message>
</context>
<context>
    <name>AdminPanel</name>
    <message>
        <location filename="../widgets/admin/admin_panel.py" line="34"/>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../widgets/admin/admin_panel.py" line="35"/>
        <source>Case library</source>
        <translation>案件分类库</translation>
    </message>
</context>
<context>
    <name>AlertAreaView</name>
    <message>
        <location filename="../widgets/alerts/area_view.py" line="61"/>
        <source>No alert selected</source>
        <translation>未选择预警</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/area_view.py" line="63"/>
        <source>This alert names places by code only (no drawable area)</source>
        <translation>此预警仅以代码指明地点（无可绘制区域）</translation>
    </message>
</context>
<context>
    <name>AlertPanel</name>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="28"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="30"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="31"/>
        <source>active</source>
        <translation>生效中</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="46"/>
        <source>Public warnings</source>
        <translation>公众预警</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="80"/>
        <source>Instruction to the public</source>
        <translation>对公众的指引</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="82"/>
        <source>Issue warning for the selected incident</source>
        <translation>为所选案件发布预警</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="84"/>
        <source>Cancel warning</source>
        <translation>撤销预警</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="88"/>
        <source>Radius</source>
        <translation>半径</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/alerts/alert_panel.py" line="137"/>
        <source>%n active</source>
        <translation>
            <numerusform>%n 条生效中</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="154"/>
        <source>No public warnings held.</source>
        <translation>暂无公众预警。</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="164"/>
        <source>From: %1</source>
        <translation>来自：%1</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="165"/>
        <source>Areas: %1</source>
        <translation>区域：%1</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="168"/>
        <source>Instruction: %1</source>
        <translation>指引：%1</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="169"/>
        <location filename="../widgets/alerts/alert_panel.py" line="175"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="170"/>
        <source>Incidents inside: %1</source>
        <translation>区域内案件：%1</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="172"/>
        <source>Units inside: %1</source>
        <translation>区域内单位：%1</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="175"/>
        <source>Suggested linkage: %1</source>
        <translation>建议联动：%1</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="209"/>
        <source>Select an incident first</source>
        <translation>请先选择一个案件</translation>
    </message>
    <message>
        <location filename="../widgets/alerts/alert_panel.py" line="210"/>
        <source>Select one of our warnings</source>
        <translation>请选择本中心发布的预警</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../app/models/audit_model.py" line="30"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../app/models/audit_model.py" line="31"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../app/models/audit_model.py" line="32"/>
        <source>Desk</source>
        <translation>席位</translation>
    </message>
    <message>
        <location filename="../app/models/audit_model.py" line="33"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../app/models/audit_model.py" line="34"/>
        <source>Command / action</source>
        <translation>指令 / 操作</translation>
    </message>
    <message>
        <location filename="../app/models/audit_model.py" line="35"/>
        <source>Incident</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../app/models/audit_model.py" line="36"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../app/models/audit_model.py" line="37"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="38"/>
        <source>person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="39"/>
        <source>desk</source>
        <translation>席位</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="40"/>
        <source>incident number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="41"/>
        <source>command type</source>
        <translation>指令类型</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="47"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="48"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="49"/>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="58"/>
        <source>List</source>
        <translation>列出</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="60"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="102"/>
        <source>asking the server…</source>
        <translation>正在查询服务器…</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="108"/>
        <source>Not listed: %1</source>
        <translation>无法列出：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/audit/audit_viewer.py" line="110"/>
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="115"/>
        <source>Export the audit rows</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <location filename="../widgets/audit/audit_viewer.py" line="124"/>
        <source>Exported %1 row(s) to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
</context>
<context>
    <name>Chart</name>
    <message>
        <location filename="../widgets/evaluation/histogram_chart.py" line="36"/>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/response_gauges.py" line="51"/>
        <source>% of calls within {0:.0f} s</source>
        <translation>{0:.0f} 秒内的呼叫占比</translation>
    </message>
</context>
<context>
    <name>CommandBoard</name>
    <message>
        <location filename="../widgets/command/command_board.py" line="48"/>
        <source>Name of the major incident</source>
        <translation>重大事件名称</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="49"/>
        <source>Declare major</source>
        <translation>宣布为重大事件</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="51"/>
        <source>Briefing PDF…</source>
        <translation>简报 PDF…</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="61"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="61"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="69"/>
        <source>Name (empty: vacate)</source>
        <translation>姓名（留空：空缺）</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="70"/>
        <source>Assign</source>
        <translation>指派</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="73"/>
        <source>Organisation</source>
        <translation>组织架构</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="85"/>
        <source>New objective for this period</source>
        <translation>本作业期的新目标</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="87"/>
        <source>New period</source>
        <translation>新作业期</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="90"/>
        <source>Objectives</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="99"/>
        <source>Agency / unit</source>
        <translation>部门 / 单位</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="99"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="105"/>
        <source>Group under</source>
        <translation>归入</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="108"/>
        <source>Resources by agency</source>
        <translation>各部门资源</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="110"/>
        <source>Grouped incidents</source>
        <translation>归入的事件</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="121"/>
        <source>Record a decision (Enter)</source>
        <translation>记录一项决定（回车）</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="124"/>
        <source>Decision log</source>
        <translation>决策记录</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="165"/>
        <source>Select an incident</source>
        <translation>请选择一个案件</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="167"/>
        <source>%1 is not a major incident</source>
        <translation>%1 不是重大事件</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="170"/>
        <source>%1 — %2 · operational period %3 since %4</source>
        <translation>%1 — %2 · 第 %3 作业期，自 %4</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="179"/>
        <source>Open a command board for this incident</source>
        <translation>为此事件开启指挥看板</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="198"/>
        <source>vacant</source>
        <translation>空缺</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/command/command_board.py" line="226"/>
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n 个单位</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="228"/>
        <source> · %1 requested</source>
        <translation> · 已请求 %1</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="276"/>
        <source>Give the major incident a name first</source>
        <translation>请先为重大事件命名</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="317"/>
        <source>Save the briefing</source>
        <translation>保存简报</translation>
    </message>
    <message>
        <location filename="../widgets/command/command_board.py" line="328"/>
        <source>Briefing saved: %1</source>
        <translation>简报已保存：%1</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <location filename="../widgets/console/assemble.py" line="150"/>
        <source>Agency panels (every department)</source>
        <translation>部门面板（所有部门）</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="274"/>
        <source>⚠ Escalation L%1 on %2 (%3)</source>
        <translation>⚠ 升级 %1 级：%2（%3）</translation>
    </message>
</context>
<context>
    <name>ConsoleStatusBar</name>
    <message numerus="yes">
        <location filename="../widgets/console/status_bar.py" line="132"/>
        <source>✖ %n refused</source>
        <translation>
            <numerusform>✖ %n 条被拒绝</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/console/status_bar.py" line="133"/>
        <source>Open the refusal inbox</source>
        <translation>打开被拒指令收件箱</translation>
    </message>
</context>
<context>
    <name>CoverageLayer</name>
    <message>
        <location filename="../widgets/map/coverage_layer.py" line="71"/>
        <source>Coverage: {0}</source>
        <translation>覆盖：{0}</translation>
    </message>
    <message>
        <location filename="../widgets/map/coverage_layer.py" line="74"/>
        <source>red: {0} cells beyond 8 min</source>
        <translation>红色：{0} 个网格超过 8 分钟</translation>
    </message>
    <message>
        <location filename="../widgets/map/coverage_layer.py" line="77"/>
        <source>amber: {0} cells 4–8 min</source>
        <translation>琥珀色：{0} 个网格 4–8 分钟</translation>
    </message>
</context>
<context>
    <name>CoveragePanel</name>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="48"/>
        <source>Coverage by road: demand reached by an available unit</source>
        <translation>道路覆盖：可用单位可到达的需求</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="52"/>
        <source>Uncovered on map</source>
        <translation>在地图上显示未覆盖区域</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="56"/>
        <source>Grid cells of the selected agency that no available unit reaches within 8 minutes (red) or within 4 minutes (amber)</source>
        <translation>所选部门中没有可用单位能在 8 分钟内（红色）或 4 分钟内（琥珀色）到达的网格</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="67"/>
        <source>Agency</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="68"/>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="69"/>
        <source>≤ 4 min</source>
        <translation>≤ 4 分钟</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="70"/>
        <source>≤ 8 min</source>
        <translation>≤ 8 分钟</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="71"/>
        <source>Move-up advice</source>
        <translation>前移调度建议</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="113"/>
        <source>Move {unit} to {station}: +{g4:.1f} pts at 4 min, {g8:+.1f} at 8 min</source>
        <translation>将 {unit} 调往 {station}：4 分钟覆盖 +{g4:.1f} 个百分点，8 分钟 {g8:+.1f}</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="137"/>
        <source>Computing drive times from every unit…</source>
        <translation>正在计算各单位的行车时间…</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="139"/>
        <source>weighted by the hotspot forecast</source>
        <translation>按热点预测加权</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="141"/>
        <source>every cell alike (no case history to forecast from)</source>
        <translation>各网格权重相同（没有可用于预测的历史案件）</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="144"/>
        <source>Share of expected demand (grid cells, {demand}) that an available or returning unit reaches by road within 4 and 8 minutes. Move-up: the relocation that gains the most covered demand.</source>
        <translation>可用或返回中的单位经道路在 4 分钟和 8 分钟内可到达的预期需求占比（网格，{demand}）。前移调度：使覆盖需求增加最多的调动。</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="165"/>
        <source>No move gains coverage</source>
        <translation>没有能提高覆盖的调动</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/coverage_panel.py" line="172"/>
        <source>Move up</source>
        <translation>前移调度</translation>
    </message>
</context>
<context>
    <name>DetectionBar</name>
    <message>
        <location filename="../widgets/detail/detection_bar.py" line="42"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detection_bar.py" line="44"/>
        <source>Dismiss as false alarm</source>
        <translation>作为误报驳回</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detection_bar.py" line="56"/>
        <source>Opened by sensor {0}</source>
        <translation>由传感器 {0} 立案</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detection_bar.py" line="58"/>
        <source>Sensor {0} stopped reporting</source>
        <translation>传感器 {0} 停止上报</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detection_bar.py" line="61"/>
        <source>Opened by video analytics: camera {0}, zone {1}</source>
        <translation>由视频分析立案：摄像头 {0}，区域 {1}</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detection_bar.py" line="63"/>
        <source> · &lt;b&gt;cleared by the device&lt;/b&gt;</source>
        <translation> · &lt;b&gt;设备已复位&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detection_bar.py" line="65"/>
        <source> · confirmed</source>
        <translation> · 已确认</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detection_bar.py" line="67"/>
        <source> · dismissed as a false alarm</source>
        <translation> · 已作为误报驳回</translation>
    </message>
</context>
<context>
    <name>EvaluationDashboard</name>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="101"/>
        <source>Evaluation dashboard</source>
        <translation>考评看板</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="108"/>
        <source>By {0}</source>
        <translation>按{0}</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="112"/>
        <source>Weights…</source>
        <translation>权重…</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="115"/>
        <source>Forecast on map</source>
        <translation>在地图上显示预测</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="120"/>
        <source>Expected cases per grid cell tomorrow: the mean daily count of each category group over the last 28 days, spread by its smoothed spatial share</source>
        <translation>明日各网格预计案件数：近 28 天各类别组的日均数量，按平滑后的空间占比分配</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="124"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="125"/>
        <source>PDF report…</source>
        <translation>PDF 报告…</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="151"/>
        <source>Answer → first unit dispatched, emergencies (NFPA 1225)</source>
        <translation>接警 → 首个单位派出，紧急类（NFPA 1225）</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="156"/>
        <source>Dispatched → on scene, emergencies (NFPA 1710 travel)</source>
        <translation>派出 → 到场，紧急类（NFPA 1710 行驶）</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="161"/>
        <source>Answer → dispatch, all calls (15 s bins)</source>
        <translation>接警 → 派出，全部呼叫（15 秒分组）</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="163"/>
        <source>Cases per day · % dispatched ≤ 60 s</source>
        <translation>每日案件数 · 60 秒内派出占比</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="271"/>
        <source> (top {0})</source>
        <translation>（前 {0}）</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="358"/>
        <source>Score weights</source>
        <translation>评分权重</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="378"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="385"/>
        <source>PDF report</source>
        <translation>PDF 报告</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="395"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/dashboard.py" line="395"/>
        <source>Could not write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>EvaluationPanel</name>
    <message>
        <location filename="../widgets/evaluation/evaluation_panel.py" line="32"/>
        <source>Department evaluation</source>
        <translation>部门考评</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/evaluation_panel.py" line="54"/>
        <location filename="../widgets/evaluation/evaluation_panel.py" line="70"/>
        <source>. A department with nothing handled has no score (—). Rejected, cancelled and exercise cases are left out.</source>
        <translation>。尚未处置任何案件的部门不计分（—）。不计入不予受理、已撤销和演练案件。</translation>
    </message>
</context>
<context>
    <name>FilterChips</name>
    <message>
        <location filename="../widgets/queue/filter_chips.py" line="43"/>
        <source>Clear all filters</source>
        <translation>清除所有筛选</translation>
    </message>
    <message>
        <location filename="../widgets/queue/filter_chips.py" line="44"/>
        <source>Show every incident of the checked groups again</source>
        <translation>重新显示所选分组的全部事件</translation>
    </message>
    <message>
        <location filename="../widgets/queue/filter_chips.py" line="61"/>
        <source>Remove this filter</source>
        <translation>移除此筛选</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../widgets/console/help_overlay.py" line="136"/>
        <source>CityOps — keys and commands   (F1 or Esc to close)</source>
        <translation>CityOps — 快捷键与命令   （F1 或 Esc 关闭）</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../widgets/detail/history_dialog.py" line="47"/>
        <source>Incident %1 — history and report</source>
        <translation>事件 %1 — 历史与报告</translation>
    </message>
    <message>
        <location filename="../widgets/detail/history_dialog.py" line="52"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <location filename="../widgets/detail/history_dialog.py" line="55"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../widgets/detail/history_dialog.py" line="72"/>
        <source>The incident is not known to this console.</source>
        <translation>本控制台不认识该事件。</translation>
    </message>
    <message>
        <location filename="../widgets/detail/history_dialog.py" line="82"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../widgets/detail/history_dialog.py" line="86"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../widgets/detail/history_dialog.py" line="86"/>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location filename="../widgets/detail/history_dialog.py" line="94"/>
        <source>Save the incident report</source>
        <translation>保存事件报告</translation>
    </message>
</context>
<context>
    <name>IncidentDetail</name>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="91"/>
        <source>Type a note (%1); Ctrl+Enter or Add note adds it</source>
        <translation>输入备注（%1）；Ctrl+Enter 或“添加备注”保存</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="119"/>
        <source>Narrative</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="120"/>
        <source>History and report… (%1)</source>
        <translation>历史与报告…（%1）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="124"/>
        <source>Every entry with its full time, and a printable report (PDF)</source>
        <translation>每条记录及完整时间，并可打印报告（PDF）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="206"/>
        <source>Add the note to the narrative (Ctrl+Enter)</source>
        <translation>将备注加入记录（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../widgets/detail/detail_panel.py" line="251"/>
        <source>Not added yet: Ctrl+Enter or Add note adds the note</source>
        <translation>尚未添加：Ctrl+Enter 或“添加备注”保存备注</translation>
    </message>
</context>
<context>
    <name>IntakePanel</name>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="306"/>
        <source>Create + dispatch %1 (Ctrl+Enter)</source>
        <translation>创建并派遣 %1（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../widgets/intake/intake_panel.py" line="309"/>
        <source>Dispatch %1</source>
        <translation>派遣 %1</translation>
    </message>
</context>
<context>
    <name>IntakeSources</name>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="21"/>
        <source>Hotline</source>
        <translation>热线</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="22"/>
        <source>Citizen</source>
        <translation>市民</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="23"/>
        <source>Inspector</source>
        <translation>巡查员</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="24"/>
        <source>Sensor</source>
        <translation>传感器</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="25"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="26"/>
        <source>Alert</source>
        <translation>预警</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="27"/>
        <source>Transfer</source>
        <translation>移交</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="28"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="37"/>
        <source>Camera zone {0}</source>
        <translation>摄像机区域 {0}</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="38"/>
        <source>Sensor kind {0}</source>
        <translation>传感器类型 {0}</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="48"/>
        <source>Cases by source</source>
        <translation>按来源统计的案件</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="51"/>
        <source>Reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="51"/>
        <source>Dismissed</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="51"/>
        <source>Device kind or zone</source>
        <translation>设备类型或区域</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="52"/>
        <source>False alarms</source>
        <translation>误报</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/intake_sources.py" line="59"/>
        <source>No machine-opened case reviewed yet</source>
        <translation>尚无已审核的自动立案</translation>
    </message>
</context>
<context>
    <name>LibraryTab</name>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="36"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="37"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="38"/>
        <source>中文</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="39"/>
        <location filename="../widgets/admin/library_tab.py" line="67"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="53"/>
        <source>counts working hours only</source>
        <translation>仅计工作时间</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="60"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="65"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="66"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="68"/>
        <source>Default priority</source>
        <translation>默认优先级</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="69"/>
        <source>Stage limits</source>
        <translation>阶段时限</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="72"/>
        <source>Save as a new library version</source>
        <translation>保存为新的分类库版本</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="91"/>
        <source>Library version %1</source>
        <translation>分类库版本 %1</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="156"/>
        <source>Cases opened from now on use the change</source>
        <translation>此后新建的案件采用此更改</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="164"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../widgets/admin/library_tab.py" line="167"/>
        <source>Saved %1: a new library version</source>
        <translation>已保存 %1：新的分类库版本</translation>
    </message>
</context>
<context>
    <name>LinkagePanel</name>
    <message>
        <location filename="../widgets/resources/linkage_panel.py" line="153"/>
        <source>Dispatch a unit of this agency to the incident before fulfilling</source>
        <translation>完成前请先向该事件派遣本部门的单位</translation>
    </message>
</context>
<context>
    <name>LocationField</name>
    <message>
        <location filename="../widgets/intake/location_field.py" line="48"/>
        <source>Address, block, intersection (“24th &amp; mission”), landmark, or lat,lon</source>
        <translation>地址、街区、路口（“24th &amp; mission”）、地标或 纬度,经度</translation>
    </message>
    <message>
        <location filename="../widgets/intake/location_field.py" line="125"/>
        <source>Spelling corrected: check this is the place meant</source>
        <translation>拼写已更正：请确认这是所指的地点</translation>
    </message>
    <message>
        <location filename="../widgets/intake/location_field.py" line="151"/>
        <source> — Closest: {names}</source>
        <translation> — 最接近：{names}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../widgets/console/main_window.py" line="139"/>
        <source>F&amp;ile</source>
        <translation>文件(&amp;I)</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="141"/>
        <source>Sound settings…</source>
        <translation>声音设置…</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="142"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="144"/>
        <source>Incident</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="153"/>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="161"/>
        <source>Wo&amp;rkspace</source>
        <translation>工作区(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/console/main_window.py" line="166"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>MapLegend</name>
    <message>
        <location filename="../widgets/map/legend.py" line="26"/>
        <source>Incidents (colour = priority)</source>
        <translation>事件（颜色 = 优先级）</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="30"/>
        <source>waiting: reported / registered</source>
        <translation>等待：已报告 / 已登记</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="34"/>
        <source>with crews: dispatched / handling</source>
        <translation>已派人员：已派遣 / 处置中</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="36"/>
        <source>awaiting verification</source>
        <translation>等待核查</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="39"/>
        <source>pulsing ring: a stage is overdue</source>
        <translation>闪烁圆环：某阶段已超时</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="41"/>
        <source>Units (colour = department)</source>
        <translation>单位（颜色 = 部门）</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="42"/>
        <source>arrow points the way it heads</source>
        <translation>箭头指向行进方向</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="43"/>
        <source>white rim: on a job</source>
        <translation>白色边框：执行任务中</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="44"/>
        <source>faded: no position for 5 min</source>
        <translation>淡色：5 分钟无位置</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="45"/>
        <source>camera and its view</source>
        <translation>摄像头及其视野</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="46"/>
        <source>L hides this legend</source>
        <translation>按 L 隐藏图例</translation>
    </message>
    <message>
        <location filename="../widgets/map/legend.py" line="61"/>
        <source>Legend: L</source>
        <translation>图例：L</translation>
    </message>
</context>
<context>
    <name>MapSearch</name>
    <message>
        <location filename="../widgets/map/map_search.py" line="39"/>
        <source>Find a place (Ctrl+F): address, corner, landmark</source>
        <translation>查找地点（Ctrl+F）：地址、路口、地标</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_search.py" line="100"/>
        <source>No match</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_search.py" line="102"/>
        <source> — closest: {names}</source>
        <translation> — 最接近：{names}</translation>
    </message>
</context>
<context>
    <name>MapTooltip</name>
    <message>
        <location filename="../widgets/map/map_menu.py" line="27"/>
        <source>registration</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="28"/>
        <source>dispatch</source>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="29"/>
        <source>handling</source>
        <translation>处置</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="30"/>
        <source>verification</source>
        <translation>核查</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="53"/>
        <source>OVERDUE: %1</source>
        <translation>超时：%1</translation>
    </message>
    <message>
        <location filename="../widgets/map/map_menu.py" line="71"/>
        <source>no position reported yet (shown at its station)</source>
        <translation>尚未报告位置（显示在所属站点）</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <location filename="../widgets/console/assemble.py" line="165"/>
        <source>Refusals</source>
        <translation>被拒指令</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="173"/>
        <source>Command board</source>
        <translation>指挥看板</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="183"/>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="193"/>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <location filename="../widgets/console/assemble.py" line="204"/>
        <source>Public warnings</source>
        <translation>公众预警</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="71"/>
        <source>Pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="72"/>
        <source>Active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="73"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="82"/>
        <source>Show or hide %1 incidents (Alt+%2)</source>
        <translation>显示或隐藏%1事件（Alt+%2）</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="93"/>
        <source>Overdue</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="95"/>
        <source>Show only incidents whose current stage is overdue</source>
        <translation>仅显示当前阶段已超时的事件</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="103"/>
        <source>Search number, address, category, unit…  (Ctrl+F)</source>
        <translation>搜索编号、地址、类别、单位…  （Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="110"/>
        <source>Show every case again</source>
        <translation>重新显示全部案件</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="121"/>
        <source>All priorities</source>
        <translation>全部优先级</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="123"/>
        <source>P%1 only</source>
        <translation>仅 P%1</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="124"/>
        <source>P1-P2</source>
        <translation>P1-P2</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="126"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="130"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="132"/>
        <source>All neighbourhoods</source>
        <translation>全部街区</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="246"/>
        <source>✕ {0} ({1})</source>
        <translation>✕ {0}（{1}）</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="297"/>
        <source>%1 of %2 shown</source>
        <translation>显示 %1 / 共 %2</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="300"/>
        <source>Incidents shown / incidents in the checked groups (Pending, Active, Closed)</source>
        <translation>显示的事件 / 所选分组中的事件（待处理、进行中、已关闭）</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="317"/>
        <source>Search: “%1”</source>
        <translation>搜索：“%1”</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="320"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="321"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="322"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="323"/>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../widgets/queue/queue_view.py" line="330"/>
        <source>Overdue only</source>
        <translation>仅超时</translation>
    </message>
</context>
<context>
    <name>RecommendationPanel</name>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="222"/>
        <source>{unit} · {eta} by road</source>
        <translation>{unit} · 道路 {eta}</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="251"/>
        <source>Select an incident</source>
        <translation>请选择一个案件</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="254"/>
        <source>%1 already has %2 units (its category needs %3); select a unit to add one</source>
        <translation>%1 已有 %2 个单位（该类别需要 %3 个）；如需增加请选择单位</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="260"/>
        <source>No recommended unit selected</source>
        <translation>未选择推荐单位</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="266"/>
        <source>Dispatch selected (Enter / D)</source>
        <translation>派遣所选（Enter / D）</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="267"/>
        <source>Dispatch top (Ctrl+Enter)</source>
        <translation>派遣首选（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../widgets/resources/recommendation_panel.py" line="296"/>
        <source>Dispatched %1 to %2</source>
        <translation>已向 %2 派遣 %1</translation>
    </message>
</context>
<context>
    <name>RefusalInbox</name>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="44"/>
        <source>Refused commands</source>
        <translation>被拒绝的指令</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="69"/>
        <source>Open case</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="70"/>
        <source>Redo after review</source>
        <translation>核对后重做</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="71"/>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="72"/>
        <source>Dismiss all</source>
        <translation>全部忽略</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/refusals/refusal_inbox.py" line="112"/>
        <source>%n refused</source>
        <translation>
            <numerusform>%n 条被拒绝</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="112"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="139"/>
        <source>Cannot redo: %1</source>
        <translation>无法重做：%1</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="143"/>
        <source>Still refused: %1</source>
        <translation>仍会被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../widgets/refusals/refusal_inbox.py" line="147"/>
        <source>Sent again on the case as it is now.</source>
        <translation>已按案件当前状态重新发送。</translation>
    </message>
</context>
<context>
    <name>RefusalsModel</name>
    <message>
        <location filename="../app/models/refusals_model.py" line="45"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../app/models/refusals_model.py" line="46"/>
        <source>Incident</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../app/models/refusals_model.py" line="47"/>
        <source>Tried</source>
        <translation>尝试的操作</translation>
    </message>
    <message>
        <location filename="../app/models/refusals_model.py" line="48"/>
        <source>Refused because</source>
        <translation>拒绝原因</translation>
    </message>
    <message>
        <location filename="../app/models/refusals_model.py" line="49"/>
        <source>Now</source>
        <translation>当前</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../widgets/console/sign_in_dialog.py" line="25"/>
        <source>CityOps — sign in</source>
        <translation>CityOps — 登录</translation>
    </message>
    <message>
        <location filename="../widgets/console/sign_in_dialog.py" line="33"/>
        <source>Sign in to %1</source>
        <translation>登录到 %1</translation>
    </message>
    <message>
        <location filename="../widgets/console/sign_in_dialog.py" line="41"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../widgets/console/sign_in_dialog.py" line="42"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../widgets/console/sign_in_dialog.py" line="43"/>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../widgets/console/sign_in_dialog.py" line="49"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>SoundSettingsDialog</name>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="37"/>
        <source>Sound settings</source>
        <translation>声音设置</translation>
    </message>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="46"/>
        <source>Mute alerts on this workstation</source>
        <translation>本工作站警报静音</translation>
    </message>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="51"/>
        <source>Started with --mute: no sound in this session</source>
        <translation>以 --mute 启动：本次会话无声音</translation>
    </message>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="52"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="60"/>
        <source>Priority-1 alert volume</source>
        <translation>一级警报音量</translation>
    </message>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="88"/>
        <source>Alert played at %1 %</source>
        <translation>已以 %1 % 播放警报</translation>
    </message>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="91"/>
        <source>Muted: no sound</source>
        <translation>已静音：无声音</translation>
    </message>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="93"/>
        <source>Volume is 0: no sound</source>
        <translation>音量为 0：无声音</translation>
    </message>
    <message>
        <location filename="../widgets/console/sound_settings.py" line="95"/>
        <source>No audio device: the alert shows on screen only</source>
        <translation>无音频设备：警报仅在屏幕上显示</translation>
    </message>
</context>
<context>
    <name>WeightsDialog</name>
    <message>
        <location filename="../widgets/evaluation/weights_dialog.py" line="29"/>
        <source>Score weights</source>
        <translation>评分权重</translation>
    </message>
    <message>
        <location filename="../widgets/evaluation/weights_dialog.py" line="65"/>
        <source>The weights add up to 100.</source>
        <translation>权重合计为 100。</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../widgets/console/workspace.py" line="253"/>
        <source>Send current panel to monitor %1 (%2)</source>
        <translation>将当前面板发送到显示器 %1（%2）</translation>
    </message>
</context>
</TS>
