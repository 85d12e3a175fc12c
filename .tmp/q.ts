import { dateMentioned } from '../knowledge/text/dates';
for (const q of ['cuoi thang 2/2022 f1', 'thoi diem cuoi 2021 f1', 'tu cuoi thang 1/2022 cach tinh', 'trc thang 2/2022 f0', 'hoi thang 12/2021', 'từ 16/12/2021', 'từ 15/4 f1', 'tết 2022 về quê', 'dau thang 3 nam 2022']) console.log(q, '→', dateMentioned(q));
