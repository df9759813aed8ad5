// The public page's words in English and Simplified Chinese. The language: ?lang=zh or ?lang=en,
// otherwise the browser's preferred languages (the first zh* or en* wins; English by default).
"use strict";

const STRINGS = {
  en: {
    title: "City operations: open cases",
    heading: "City operations centre",
    intro: "Problems reported in the street and how the city handles them. Locations are " +
      "shown by block; reporters and cases about people are never shown.",
    follow: "Follow a case",
    caseNumber: "Case number",
    lookUp: "Look up",
    openCases: "Open cases",
    mapLabel: "Open cases by block",
    colCase: "Case",
    colProblem: "Problem",
    colBlock: "Block",
    colStatus: "Status",
    colExpected: "Expected",
    departmentsOnTime: "Departments on time",
    colDepartment: "Department",
    colCases: "Cases",
    colFixed: "Fixed",
    colOnTime: "Fixed on time",
    refreshes: "Data refreshes every 30 seconds. Developers:",
    noOpenCases: "No open cases",
    reported: "Reported {0}",
    expectedBy: "expected by {0}",
    language: "中文",
  },
  zh: {
    title: "城市运行：未结案件",
    heading: "城市运行管理中心",
    intro: "市民在街头上报的问题以及城市的处置情况。位置只显示到街区；" +
      "不显示上报人，也不显示涉及个人的案件。",
    follow: "查询案件",
    caseNumber: "案件编号",
    lookUp: "查询",
    openCases: "未结案件",
    mapLabel: "按街区显示的未结案件",
    colCase: "案件",
    colProblem: "问题",
    colBlock: "街区",
    colStatus: "状态",
    colExpected: "预计完成",
    departmentsOnTime: "各部门按时处置情况",
    colDepartment: "部门",
    colCases: "案件数",
    colFixed: "已处置",
    colOnTime: "按时处置",
    refreshes: "数据每 30 秒刷新一次。开发者接口：",
    noOpenCases: "暂无未结案件",
    reported: "上报于 {0}",
    expectedBy: "预计 {0} 前完成",
    language: "English",
  },
};

// Case statuses (the API's `status`) by their Chinese names.
const STATUS_ZH = {
  reported: "已上报",
  registered: "已立案",
  rejected: "已驳回",
  dispatched: "已派遣",
  in_progress: "处置中",
  resolved: "已处置",
  verified: "已核查",
  closed: "已结案",
  cancelled: "已撤销",
};

function pageLanguage() {
  const asked = new URLSearchParams(window.location.search).get("lang");
  if (asked) return asked.toLowerCase().startsWith("zh") ? "zh" : "en";
  for (const l of navigator.languages || [navigator.language || "en"]) {
    const low = String(l).toLowerCase();
    if (low.startsWith("zh")) return "zh";
    if (low.startsWith("en")) return "en";
  }
  return "en";
}

const LANG = pageLanguage();
const LOCALE = LANG === "zh" ? "zh-CN" : undefined;

// t("reported", when) -> "Reported 3/12/2026, 10:00" / "上报于 2026/3/12 10:00"
function t(key, ...args) {
  const text = (STRINGS[LANG] && STRINGS[LANG][key]) || STRINGS.en[key] || key;
  return text.replace(/\{(\d)\}/g, (_m, n) => String(args[Number(n)] ?? ""));
}

// The Chinese name where the API has one, else the English one.
function localName(en, zh) {
  return LANG === "zh" && zh ? zh : en;
}

function statusName(status, notes) {
  return LANG === "zh" ? STATUS_ZH[status] || status : notes;
}

// Fixed words of index.html: data-i18n (text), data-i18n-placeholder, data-i18n-label.
function translatePage() {
  document.documentElement.lang = LANG === "zh" ? "zh-CN" : "en";
  document.title = t("title");
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-label]")) {
    el.setAttribute("aria-label", t(el.dataset.i18nLabel));
  }
  const other = document.getElementById("language");
  if (other) {
    const params = new URLSearchParams(window.location.search);
    params.set("lang", LANG === "zh" ? "en" : "zh");
    other.href = "?" + params.toString();
    other.textContent = t("language");
  }
}
