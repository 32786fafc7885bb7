/* Strings of the field app: Thai first, English when the page is English. Works in the
   page and in the service worker (classic script, no modules). */
(function (g) {
  'use strict';
  var EN = {
    'รอส่ง {n} รายการ': 'Waiting to send: {n}',
    'ไม่มีรายการรอส่ง': 'Nothing waiting to send',
    'ขัดแย้ง {n} รายการ': '{n} in conflict',
    'ออนไลน์': 'Online',
    'ออฟไลน์': 'Offline',
    'กำลังส่งข้อมูล…': 'Sending…',
    'ส่งข้อมูลแล้ว {n} รายการ': 'Sent: {n}',
    'ยังไม่มีสัญญาณ ข้อมูลเก็บไว้ในเครื่อง จะส่งเมื่อมีสัญญาณ': 'No signal: saved on this phone, sent when the network is back',
    'กรุณาเข้าสู่ระบบใหม่เพื่อส่งข้อมูล': 'Please log in again to send',
    'รายการบ้านที่ต้องเยี่ยม': 'Households to visit',
    'ดาวน์โหลดรายการบ้าน': 'Download the work list',
    'ดาวน์โหลดแล้ว {n} ครัวเรือน': 'Downloaded {n} households',
    'ยังไม่มีรายการบ้านในเครื่อง ต่ออินเทอร์เน็ตแล้วกดดาวน์โหลด': 'No households on this phone yet: connect and download',
    'ไม่มีบ้านในรายการของบัญชีนี้': 'This account has no households to visit',
    'บ้านเลขที่': 'House no.',
    'ตกเกณฑ์ตัวชี้วัด': 'Failed indicators',
    'สมาชิก': 'Members',
    'กลับไปรายการบ้าน': 'Back to the list',
    'ไม่พบครัวเรือนนี้ในเครื่อง': 'This household is not on the phone',
    'บันทึกปัญหา/ความต้องการ': 'Record a problem or need',
    'ปัญหา/ความต้องการ': 'Problem or need',
    'ด้าน': 'Dimension',
    'วันที่': 'Date',
    'รายละเอียด': 'Details',
    'รูปภาพ (ไม่เกิน 5 รูป)': 'Photos (up to 5)',
    'บันทึกในเครื่อง': 'Save on the phone',
    'บันทึกไว้ในเครื่องแล้ว รอส่ง': 'Saved on the phone, waiting to send',
    'บันทึกกิจกรรมช่วยเหลือ': 'Record an activity',
    'บันทึกการเยี่ยมบ้าน': 'Record a home visit',
    'การเยี่ยมบ้าน': 'Home visit',
    'วันที่เยี่ยมบ้าน': 'Day of the visit',
    'สิ่งที่พบ': 'What was found',
    'ผลการเยี่ยม': 'Outcome',
    'สถานการณ์ดีขึ้น': 'Better',
    'สถานการณ์คงเดิม': 'The same',
    'สถานการณ์แย่ลง': 'Worse',
    'ไม่พบครัวเรือน (ไม่อยู่บ้าน)': 'Nobody met (not at home)',
    'ชื่อกิจกรรม': 'Activity',
    'วันเริ่มต้น': 'Start date',
    'แก้ปัญหาข้อ': 'For the problem',
    '(ไม่ระบุ)': '(none)',
    'ปักหมุดบ้าน': 'Pin the house',
    'ใช้ตำแหน่งปัจจุบัน (GPS)': 'Use my position (GPS)',
    'ละติจูด': 'Latitude',
    'ลองจิจูด': 'Longitude',
    'หาตำแหน่งไม่ได้': 'Could not get the position',
    'จำแนกครัวเรือน': 'Classify the household',
    'ประเภทครัวเรือน': 'Household type',
    'ความต้องการความช่วยเหลือ': 'Wants help',
    'ปัญหาที่บันทึกไว้': 'Recorded problems',
    'สถานะ': 'Status',
    'เปลี่ยนสถานะ': 'Change the status',
    'รอส่ง': 'Waiting',
    'ส่งไม่สำเร็จ': 'Refused',
    'ขัดแย้ง': 'Conflict',
    'ใช้ของฉัน': 'Keep mine',
    'ใช้ของเซิร์ฟเวอร์': 'Take theirs',
    'ของฉัน': 'Mine',
    'ของเซิร์ฟเวอร์': 'On the server',
    'มีผู้แก้ไขข้อมูลนี้บนเซิร์ฟเวอร์ระหว่างที่ออฟไลน์': 'Someone changed this on the server while you were offline',
    'ปัญหา': 'Problem',
    'กิจกรรม': 'Activity',
    'หมุดบ้าน': 'Pin',
    'แฟ้มครัวเรือน': 'Family folder',
    'สถานะปัญหา': 'Problem status',
    'ไม่มี': 'none',
    'รูปภาพ {n} รูป': '{n} photos',
    'ดาวน์โหลดไม่สำเร็จ': 'Download failed',
    'กรุณากรอกข้อมูลให้ครบ': 'Please fill in the required fields',
    'กรุณากรอกวันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 20/11/2569': 'Enter the date as day/month/year of the Buddhist era, e.g. 20/11/2569',
    'วว/ดด/ปปปป (พ.ศ.)': 'dd/mm/yyyy (Buddhist era)'
  };
  var CHOICES = {
    dimension: [['health', 'สุขภาพ', 'Health'], ['living', 'ความเป็นอยู่', 'Living'],
      ['education', 'การศึกษา', 'Education'], ['income', 'รายได้', 'Income'],
      ['access', 'การเข้าถึงบริการรัฐ', 'Access to services']],
    status: [['open', 'ยังไม่ได้แก้ไข', 'Open'], ['in_progress', 'กำลังแก้ไข', 'In progress'],
      ['resolved', 'แก้ไขแล้ว', 'Resolved']],
    household_type: [['developable', 'ครัวเรือนที่พัฒนาได้', 'Can develop'],
      ['welfare', 'ครัวเรือนที่ต้องสงเคราะห์', 'Needs welfare'],
      ['gone', 'ไม่พบครัวเรือน/ย้ายออก', 'Not found / moved'], ['other', 'อื่น ๆ', 'Other']],
    wants_help: [['urgent', 'ต้องการความช่วยเหลือเร่งด่วน', 'Urgently'],
      ['wants', 'ต้องการความช่วยเหลือ', 'Wants help'], ['no', 'ไม่ต้องการ', 'No']]
  };
  function lang() {
    return g.document && g.document.documentElement.lang === 'en' ? 'en' : 'th';
  }
  function t(text, vars) {
    var out = lang() === 'en' && EN[text] ? EN[text] : text;
    Object.keys(vars || {}).forEach(function (k) { out = out.split('{' + k + '}').join(String(vars[k])); });
    return out;
  }
  function choices(name) {
    var en = lang() === 'en';
    return CHOICES[name].map(function (c) { return [c[0], en ? c[2] : c[1]]; });
  }
  function label(name, value) {
    var found = choices(name).filter(function (c) { return c[0] === value; })[0];
    return found ? found[1] : value || '';
  }
  /* A date of the Buddhist era (20 พ.ย. 2569), from an ISO date. */
  function beDate(iso) {
    if (!iso) return '';
    var d = new Date(String(iso).slice(0, 10) + 'T00:00:00');
    var loc = lang() === 'en' ? 'en-GB-u-ca-buddhist' : 'th-TH-u-ca-buddhist';
    return d.toLocaleDateString(loc, { day: 'numeric', month: 'short', year: 'numeric' });
  }
  /* The date fields' text, as the Logbook's forms write it: 20/11/2569 (day/month/พ.ศ.). */
  function beInput(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return m ? m[3] + '/' + m[2] + '/' + (parseInt(m[1], 10) + 543) : '';
  }
  /* The ISO date of 20/11/2569 (or of an ISO date as it is); null when it is no date. */
  function parseBe(text) {
    text = String(text || '').trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
    var m = /^(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})$/.exec(text);
    if (!m) return null;
    var y = parseInt(m[3], 10) - 543, mo = parseInt(m[2], 10), d = parseInt(m[1], 10);
    if (y + 543 < 2400) return null;
    var dt = new Date(Date.UTC(y, mo - 1, d));
    if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
    return dt.toISOString().slice(0, 10);
  }
  g.TPMAP_I18N = { t: t, choices: choices, label: label, beDate: beDate, beInput: beInput, parseBe: parseBe };
})(self);
