/**
 * Words and names the organisation finder knows. Data only: extend it when an outlet's stories name
 * bodies it does not know yet.
 */

/**
 * Regional government bodies printed as acronyms: `Disperindag Kota Cilegon` ->
 * `Dinas Perindustrian dan Perdagangan Kota Cilegon`. A definition printed in the article itself
 * (`Dinas Pekerjaan Umum dan Tata Ruang (DPUTR)`) wins over this list.
 */
export const REGIONAL_ACRONYMS: Record<string, string> = {
  disperindag: 'Dinas Perindustrian dan Perdagangan',
  dinkes: 'Dinas Kesehatan',
  dindikbud: 'Dinas Pendidikan dan Kebudayaan',
  disdikbud: 'Dinas Pendidikan dan Kebudayaan',
  dindik: 'Dinas Pendidikan',
  disdik: 'Dinas Pendidikan',
  dpupr: 'Dinas Pekerjaan Umum dan Penataan Ruang',
  'dinas pupr': 'Dinas Pekerjaan Umum dan Penataan Ruang',
  dputr: 'Dinas Pekerjaan Umum dan Tata Ruang',
  disperkim: 'Dinas Perumahan dan Kawasan Permukiman',
  dprkp: 'Dinas Perumahan Rakyat dan Kawasan Permukiman',
  bpbd: 'Badan Penanggulangan Bencana Daerah',
  bappeda: 'Badan Perencanaan Pembangunan Daerah',
  bapenda: 'Badan Pendapatan Daerah',
  bpkad: 'Badan Pengelolaan Keuangan dan Aset Daerah',
  dlh: 'Dinas Lingkungan Hidup',
  dishub: 'Dinas Perhubungan',
  disnaker: 'Dinas Tenaga Kerja',
  disnakertrans: 'Dinas Tenaga Kerja dan Transmigrasi',
  dinsos: 'Dinas Sosial',
  disdukcapil: 'Dinas Kependudukan dan Pencatatan Sipil',
  'satpol pp': 'Satuan Polisi Pamong Praja',
  dpmptsp: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
  dpmd: 'Dinas Pemberdayaan Masyarakat dan Desa',
  diskominfo: 'Dinas Komunikasi dan Informatika',
  dispora: 'Dinas Pemuda dan Olahraga',
  dispar: 'Dinas Pariwisata',
  disbudpar: 'Dinas Kebudayaan dan Pariwisata',
  distan: 'Dinas Pertanian',
  dkp: 'Dinas Kelautan dan Perikanan',
  dpkp: 'Dinas Pertanian dan Ketahanan Pangan',
  kesbangpol: 'Badan Kesatuan Bangsa dan Politik',
  bkpsdm: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
  bkd: 'Badan Kepegawaian Daerah',
  damkar: 'Dinas Pemadam Kebakaran',
  dp3a: 'Dinas Pemberdayaan Perempuan dan Perlindungan Anak',
  setda: 'Sekretariat Daerah',
  inspektorat: 'Inspektorat',
};

/**
 * National bodies, ministries, universities and companies under their usual name. `regional: true`
 * bodies take a region when one is printed after them (`KPU Kota Serang`, `BPS Provinsi Banten`).
 */
export const NATIONAL_NAMES: Record<string, { name: string; regional?: boolean }> = {
  bmkg: { name: 'BMKG' },
  'badan meteorologi klimatologi dan geofisika': { name: 'BMKG' },
  bnpb: { name: 'BNPB' },
  basarnas: { name: 'Basarnas' },
  kpk: { name: 'KPK' },
  bpom: { name: 'BPOM' },
  ojk: { name: 'OJK' },
  bi: { name: 'Bank Indonesia' },
  bps: { name: 'BPS', regional: true },
  'badan pusat statistik': { name: 'BPS', regional: true },
  bnn: { name: 'BNN', regional: true },
  kpu: { name: 'KPU', regional: true },
  'komisi pemilihan umum': { name: 'KPU', regional: true },
  bawaslu: { name: 'Bawaslu', regional: true },
  baznas: { name: 'Baznas', regional: true },
  mui: { name: 'MUI', regional: true },
  pmi: { name: 'PMI', regional: true },
  koni: { name: 'KONI', regional: true },
  pwi: { name: 'PWI', regional: true },
  knpi: { name: 'KNPI', regional: true },
  kadin: { name: 'Kadin', regional: true },
  apindo: { name: 'Apindo', regional: true },
  tni: { name: 'TNI' },
  polri: { name: 'Polri' },
  'dpr ri': { name: 'DPR RI' },
  dpr: { name: 'DPR RI' },
  mpr: { name: 'MPR' },
  'bpjs kesehatan': { name: 'BPJS Kesehatan' },
  'bpjs ketenagakerjaan': { name: 'BPJS Ketenagakerjaan' },
  pln: { name: 'PT PLN' },
  pertamina: { name: 'PT Pertamina' },
  kemenperin: { name: 'Kementerian Perindustrian' },
  kemendagri: { name: 'Kementerian Dalam Negeri' },
  kemenkes: { name: 'Kementerian Kesehatan' },
  kemendikbud: { name: 'Kementerian Pendidikan dan Kebudayaan' },
  kemendikdasmen: { name: 'Kementerian Pendidikan Dasar dan Menengah' },
  kemenag: { name: 'Kementerian Agama', regional: true },
  kemensos: { name: 'Kementerian Sosial' },
  kemnaker: { name: 'Kementerian Ketenagakerjaan' },
  kemenaker: { name: 'Kementerian Ketenagakerjaan' },
  kemenkeu: { name: 'Kementerian Keuangan' },
  kementan: { name: 'Kementerian Pertanian' },
  kemenhub: { name: 'Kementerian Perhubungan' },
  kemenpupr: { name: 'Kementerian Pekerjaan Umum dan Perumahan Rakyat' },
  'kementerian pupr': { name: 'Kementerian Pekerjaan Umum dan Perumahan Rakyat' },
  klhk: { name: 'Kementerian Lingkungan Hidup dan Kehutanan' },
  kemenkumham: { name: 'Kementerian Hukum dan Hak Asasi Manusia' },
  kemenpora: { name: 'Kementerian Pemuda dan Olahraga' },
  kemenparekraf: { name: 'Kementerian Pariwisata dan Ekonomi Kreatif' },
  kemenkopukm: { name: 'Kementerian Koperasi dan UKM' },
  kominfo: { name: 'Kementerian Komunikasi dan Informatika' },
  kemkominfo: { name: 'Kementerian Komunikasi dan Informatika' },
  komdigi: { name: 'Kementerian Komunikasi dan Digital' },
  untirta: { name: 'Universitas Sultan Ageng Tirtayasa' },
  unpam: { name: 'Universitas Pamulang' },
  unbaja: { name: 'Universitas Banten Jaya' },
  uniba: { name: 'Universitas Bina Bangsa' },
  unma: { name: "Universitas Mathla'ul Anwar" },
  'uin smh banten': { name: 'Universitas Islam Negeri Sultan Maulana Hasanuddin Banten' },
  ugm: { name: 'Universitas Gadjah Mada' },
  itb: { name: 'Institut Teknologi Bandung' },
  ipb: { name: 'Institut Pertanian Bogor' },
  nu: { name: 'Nahdlatul Ulama' },
  pbnu: { name: 'Nahdlatul Ulama' },
};

/** Heads of names of bodies that belong to a region: the region printed after the name is split off. */
export const REGIONAL_HEADS = new Set(['dinas', 'badan', 'sekretariat', 'inspektorat', 'dewan']);

/** Heads of names of bodies that carry no region (a place in them is part of the name). */
export const NAMED_HEADS = new Set([
  'kementerian', 'kementrian', 'universitas', 'institut', 'politeknik', 'akademi', 'yayasan', 'partai',
  'perkumpulan', 'persatuan', 'perhimpunan', 'himpunan', 'ikatan', 'asosiasi', 'gabungan', 'forum', 'lembaga',
  'majelis', 'koperasi', 'paguyuban', 'komunitas', 'serikat', 'federasi', 'konfederasi', 'aliansi', 'pengadilan',
  'kejaksaan', 'mahkamah', 'bank', 'perusahaan', 'perumda', 'perum', 'ombudsman', 'kamar',
]);

/** Parts of a body (`Satuan Reserse Kriminal Polres ...`, `Bidang Destinasi Dinas ...`): listed only with a region of their own. */
export const SUBUNIT_HEADS = new Set(['satuan', 'direktorat', 'subdirektorat', 'unit', 'bidang', 'bagian', 'seksi', 'subbagian', 'komisi']);

/**
 * First words of names that are programmes, places, events or concepts, not organisations:
 * `Industri Kecil Menengah (IKM)`, `Pendapatan Asli Daerah (PAD)`, `Tempat Pemrosesan Akhir (TPA)`.
 */
export const CONCEPT_HEADS = new Set([
  'industri', 'pendapatan', 'anggaran', 'rencana', 'rancangan', 'program', 'usaha', 'sistem', 'kartu', 'bantuan',
  'tunjangan', 'jaminan', 'peraturan', 'undang', 'undang-undang', 'surat', 'rapat', 'musyawarah', 'penerimaan',
  'pajak', 'retribusi', 'bahan', 'tempat', 'ruang', 'kawasan', 'jalan', 'jalur', 'pemilihan', 'pemilu', 'alat',
  'aparatur', 'pegawai', 'tenaga', 'orang', 'pekerja', 'indeks', 'produk', 'angka', 'nilai', 'hari', 'izin',
  'kredit', 'kuliah', 'operasi', 'obat', 'penyakit', 'demam', 'makan', 'sumber', 'rumah', 'penerangan', 'ujian',
  'standar', 'kebijakan', 'strategi', 'pelayanan', 'layanan', 'kegiatan', 'sertifikat', 'dana', 'harga', 'perda',
  'pelatihan', 'bimbingan', 'tindak', 'organisasi', 'kejuaraan', 'pekan', 'festival', 'lomba', 'gedung', 'pasar',
  'terminal', 'pelabuhan', 'bandara', 'stasiun', 'gerbang', 'jembatan', 'bus', 'kereta', 'kapal', 'sekolah',
  'taman', 'lapangan', 'pantai', 'gunung', 'sungai', 'kali', 'tol', 'lembaran', 'hak', 'asuransi', 'komoditas',
  'gerakan', 'pemberantasan', 'pencegahan', 'penanganan', 'pembangunan', 'pengembangan', 'peningkatan', 'bulan',
  'tahun', 'masa', 'zona', 'wilayah', 'daerah', 'kabupaten', 'kota', 'provinsi', 'kecamatan', 'kelurahan', 'desa',
  'kampung', 'pusat', 'sentra', 'balai', 'pos', 'posko', 'pendidikan', 'kesehatan', 'lalu', 'barang', 'biaya',
  'corporate', 'tanggung', 'bahan', 'liquefied', 'sumbangan', 'peserta', 'calon', 'warga', 'masyarakat', 'kelompok',
  'kepala', 'ketua', 'wakil', 'sekretaris', 'direktur', 'pemerintah', 'pelaksana', 'penjabat', 'tim', 'satgas',
  'upah', 'gaji', 'subsidi', 'tarif',
]);

/** Names built like a body's but naming a kind of thing (`Badan Usaha Milik Daerah (BUMD)`), not one body. */
export const CONCEPT_NAMES = new Set([
  'badan usaha milik daerah', 'badan usaha milik negara', 'badan usaha milik desa', 'badan hukum', 'badan usaha',
  'forum group discussion', 'dinas luar', 'badan jalan', 'dewan juri',
]);

/** Words that end a name even when capitalised: titles, ranks, days, months, particles. */
export const NAME_STOP_WORDS = new Set([
  'senin', 'selasa', 'rabu', 'kamis', 'jumat', "jum'at", 'sabtu', 'minggu', 'ahad',
  'januari', 'februari', 'maret', 'april', 'mei', 'juni', 'juli', 'agustus', 'september', 'oktober', 'november',
  'desember',
  'akbp', 'akp', 'kompol', 'iptu', 'ipda', 'aiptu', 'aipda', 'bripka', 'brigadir', 'briptu', 'bripda', 'kombes',
  'kombespol', 'pol', 'irjen', 'brigjen', 'jenderal', 'letkol', 'kolonel', 'mayor', 'kapten', 'serka', 'serda',
  'h', 'hj', 'dr', 'drs', 'dra', 'ir', 'prof', 'kh', 'st', 'se', 'sh', 'mm', 'mh', 'drh', 'yang', 'ini',
  'itu', 'kepala', 'ketua', 'wakil', 'sekretaris', 'direktur', 'kabid', 'kasi', 'kasat', 'kanit', 'plt', 'pj',
]);
