"""Every sentence a user reads, in one place, so the wording stays consistent and reviewable."""

from __future__ import annotations

from typing import Any

from .kinds.spec import KIND_SPECS

MESSAGES: dict[str, str] = {
    # reading
    "empty_file": "File kosong (0 byte): tidak ada yang bisa dibaca.",
    "too_large": "File terlalu besar ({size}); batas unggah adalah {limit}.",
    "unzipped_too_large": (
        "File ditolak: isi arsipnya mengembang melebihi batas {limit} (kemungkinan 'zip bomb'). "
        "Simpan ulang file dari Excel lalu unggah lagi."
    ),
    "too_many_entries": "File ditolak: arsip berisi terlalu banyak bagian ({count}, batas {limit}).",
    "xml_entities": (
        "File ditolak: berisi deklarasi entitas XML (DOCTYPE/ENTITY) yang tidak dipakai file Excel asli "
        "dan bisa membebani server."
    ),
    "password": (
        "File dilindungi kata sandi (terenkripsi) sehingga tidak bisa dibaca. "
        "Buka di Excel, hapus kata sandinya (File > Info > Proteksi), simpan, lalu unggah lagi."
    ),
    "corrupt_zip": "File rusak atau terpotong: arsip Excel tidak utuh. Simpan ulang dari Excel lalu unggah lagi.",
    "program_error": "File tidak dapat dibaca karena kesalahan program; file lain tetap dibaca.",
    "sheet_program_error": "Lembar '{sheet}' gagal diproses karena kesalahan program; lembar lain tetap dibaca.",
    "unreadable_rows": (
        "Lembar '{sheet}' baris {rows} dilewati: berisi tanggal atau durasi di luar rentang yang bisa dibaca "
        "(mungkin angka panjang seperti nomor telepon di kolom berformat tanggal)."
    ),
    "corrupt": "File rusak atau tidak dapat dibaca sebagai {fmt}. Buka dan simpan ulang di aplikasinya lalu unggah lagi.",
    "not_excel_zip": "File berekstensi {ext} tetapi isinya arsip ZIP biasa, bukan workbook Excel atau ODS.",
    "renamed_format": (
        "File berekstensi {ext} tetapi isinya {actual}, bukan file Excel asli. "
        "Buka di aplikasinya lalu simpan sebagai .xlsx."
    ),
    "html_as_excel": (
        "File berekstensi {ext} tetapi isinya halaman HTML (ekspor dari aplikasi web), bukan file Excel asli. "
        "Buka di Excel lalu 'Simpan Sebagai' .xlsx."
    ),
    "text_as_excel": "File berekstensi {ext} tetapi isinya teks biasa; dibaca sebagai CSV.",
    "binary_csv": "File CSV tidak berisi teks yang bisa dibaca (mungkin file biner yang diganti namanya).",
    "unsupported_ext": "Jenis file {ext} tidak didukung. Gunakan .xlsx, .xlsm, .xls, .ods, atau .csv.",
    "no_sheets": "Workbook tidak berisi lembar kerja.",
    "too_many_cells": "Lembar '{sheet}' terlalu besar ({cells} sel; batas {limit}).",
    "unreadable": "File tidak dapat dibaca: {detail}.",
    # detection
    "no_data_rows": "Belum ada baris data di file ini: hanya judul atau header, atau lembarnya kosong.",
    "sheet_no_data_rows": "Lembar '{sheet}': header ditemukan (baris {row}), tetapi belum ada baris data.",
    "unknown_layout": (
        "Tata letak tidak dikenali. Yang diharapkan: rencana aksi (kolom Kegiatan, Progres, Target/PIC), "
        "survei IKM/SPAK/SPKP (kolom pertanyaan dengan jawaban), register pengaduan (Tanggal, Saluran, Status), "
        "atau LKE (Bobot, Pilihan Jawaban, Jawaban)."
    ),
    "sheet_unknown": "Lembar '{sheet}' dilewati: tata letaknya bukan rencana aksi, survei, pengaduan, atau LKE.",
    "sheet_recap": "Lembar '{sheet}' dilewati: lembar rekap/pivot/grafik (ringkasan, bukan data mentah).",
    "sheet_instructions": "Lembar '{sheet}' dilewati: lembar petunjuk/keterangan.",
    "sheet_hidden": "Lembar '{sheet}' tersembunyi; tetap diperiksa.",
    "sheet_empty": "Lembar '{sheet}' kosong.",
    "no_unit": (
        "Lembar '{sheet}': nama satuan kerja (Lapas/Rutan/LPKA/Bapas) tidak ditemukan di kolom, judul, "
        "maupun nama file. Tambahkan nama unit di judul atau nama file."
    ),
    "missing_field": "Lembar '{sheet}': kolom {field} tidak ditemukan; {effect}.",
    "text_as_csv": "File berekstensi {ext} berisi teks; dibaca sebagai CSV.",
    # workspace
    "upload_denied": "Peran Anda tidak diizinkan mengunggah data; file tidak disimpan.",
    "upload_other_unit": "Data unit {unit} tidak disimpan: unit itu di luar wewenang Anda.",
    "upload_duplicate": "File yang sama persis sudah tersimpan (diunggah oleh {who} pada {when}); tidak ada yang berubah.",
    "reread_nothing": "Dengan pengaturan ini tidak ada baris yang terbaca; data file ini tidak diubah.",
    "upload_duplicate_now": "File yang sama persis baru saja disimpan oleh sesi lain; tidak ada yang berubah.",
    "upload_restored": "File ini pernah diunggah ({who}, {when}) lalu dihapus; sekarang dipulihkan.",
    "upload_completed": "File ini pernah diunggah sebagian; data unit {units} sekarang ikut disimpan.",
    "unit_denied": "Data unit itu tidak tersedia untuk akun Anda.",
    "file_denied": "File itu tidak tersedia untuk akun Anda.",
    "file_shared": "File ini juga berisi data unit lain. Hapus dan pulihkan hanya berlaku untuk data unit yang Anda "
                   "kelola ({units}); data unit lain tetap seperti sekarang.",
    "file_not_openable": "File asli, laporan pembacaan, dan baris ditolak file ini memuat data unit lain, jadi tidak "
                         "dapat dibuka dari akun Anda.",
    "user_invalid": "Nama pengguna atau peran tidak valid.",
    "user_unknown": "Pengguna '{name}' tidak ada.",
    "user_self_deactivate": "Akun yang sedang Anda pakai tidak dapat dinonaktifkan oleh diri sendiri.",
    "password_current_wrong": "Kata sandi sekarang salah; kata sandi tidak diubah.",
    "password_unchanged": "Kata sandi baru sama dengan yang lama.",
    "password_changed": "Kata sandi diubah. Semua sesi akun ini berakhir; silakan masuk lagi dengan kata sandi baru.",
    "session_ended": "Sesi Anda berakhir (keluar, kata sandi diubah, akun dinonaktifkan, atau lebih dari 12 jam). Silakan masuk lagi.",
    "page_error": ("Halaman ini gagal ditampilkan karena kesalahan program; data Anda tidak berubah. Rincian dicatat "
                   "di log server dengan kode {reference}; sampaikan kode itu ke admin."),
    "login_failed": "Nama pengguna atau kata sandi salah, atau akun dikunci sementara setelah beberapa kali gagal.",
    # row rejections (reasons)
    "r_progress": "Progres '{value}' tidak dapat dibaca (harus 0–100%, angka, 'Selesai' atau 'Belum').",
    "r_progress_range": "Progres {value} di luar rentang 0–100%.",
    "r_progress_missing": "Progres kosong.",
    "r_activity_missing": "Uraian kegiatan kosong.",
    "r_area_missing": "Area perubahan tidak diketahui (tidak ada kolom area atau baris judul area di atasnya).",
    "r_predicate": "Predikat '{value}' tidak dikenali (WBK atau WBBM).",
    "r_predicate_year": "Tahun predikat kosong atau tidak dapat dibaca.",
    "r_innovation_name_missing": "Nama inovasi kosong.",
    "w_innovation_area": "Area perubahan '{value}' tidak dikenali; inovasi disimpan tanpa area.",
    "w_innovation_launch": "Tanggal peluncuran '{value}' tidak dapat dibaca; dibiarkan kosong.",
    "w_innovation_status": "Status '{value}' tidak dikenali (ide, uji coba, berjalan, dihentikan); dibiarkan kosong.",
    "r_area_unknown": "Area perubahan '{value}' tidak dikenali.",
    "r_unit_missing": "Nama satuan kerja kosong atau tidak dikenali ('{value}').",
    "r_answer": "Jawaban '{value}' tidak dapat dibaca sebagai nilai skala 1–{scale}.",
    "r_answer_missing": "Jawaban kosong.",
    "r_answer_range": "Jawaban {value} di luar skala 1–{scale}.",
    "r_date": "Tanggal '{value}' tidak dapat dibaca.",
    "r_date_missing": "Tanggal pengaduan kosong.",
    "r_after_as_of": "Tanggal {value} sesudah tanggal acuan {as_of}; tidak dihitung.",
    # warnings on kept rows
    "w_progress_unknown": "Progres '{value}' tidak menyebut persentase; kegiatan dihitung, tetapi tidak masuk rata-rata progres.",
    "n_progress_unknown": "Lembar '{sheet}': {count} kegiatan dengan progres tanpa persentase ('proses' dan sejenisnya) dihitung, tetapi tidak masuk rata-rata progres.",
    "w_target": "Target waktu '{value}' tidak dapat dibaca; kegiatan tetap dihitung tanpa tenggat.",
    "w_resolved_date": "Tanggal selesai '{value}' tidak dapat dibaca; lama penyelesaian tidak dihitung.",
    "w_resolved_before": "Tanggal selesai lebih awal dari tanggal pengaduan; lama penyelesaian tidak dihitung.",
    "w_status": "Status '{value}' tidak dikenali; dianggap belum selesai.",
    "w_status_blank": "Status kosong; dianggap {status}.",
    "w_days": "Lama penyelesaian '{value}' tidak dapat dibaca.",
    "w_timestamp": "Waktu pengisian '{value}' tidak dapat dibaca; periode survei tidak diketahui.",
    "w_scale_guess": "Survei {survey} di lembar '{sheet}': skala tidak tertulis, ditetapkan 1–{scale} dari jawaban.",
    "w_ikm_unsur_missing": "IKM di lembar '{sheet}': unsur {unsur} tidak ditemukan; indeks IKM tidak lengkap.",
    "w_ikm_legacy": (
        "IKM di lembar '{sheet}' memakai formulir lama 14 unsur (KEP/25/M.PAN/2004); tidak digabung dengan "
        "indeks 9 unsur PermenPANRB 14/2017."
    ),
    "w_ikm_duplicate": "IKM di lembar '{sheet}': lebih dari satu kolom untuk {unsur}; dipakai '{column}'.",
    "w_ikm_no_unsur": "IKM di lembar '{sheet}': pertanyaan {column} tidak cocok dengan unsur mana pun; tidak dihitung.",
    "w_ikm_extra_unsur": "IKM di lembar '{sheet}': kolom {column} adalah unsur tambahan di luar sembilan unsur PermenPANRB 14/2017; IKM dihitung dari sembilan unsur, kolom ini tidak.",
    "sheet_needs_review": "Lembar '{sheet}' PERLU DICEK dan belum dipakai dalam penilaian: {reasons}. Periksa atau perbaiki pembacaannya di halaman Unggah Data.",
    "review_weak_header": "judul kolom hanya cocok lemah",
    "review_no_unit": "file tidak menyebut unitnya; pilih unit (atau tetapkan unit bawaan)",
    "review_rejected": "sebagian besar baris ditolak ({rejected} dari {read})",
    "review_answer_labels": "label jawaban {labels} bernilai berbeda menurut pilihan jawaban yang dipakai (skala 1–{scale}); pastikan urutan pilihan jawabannya",
    "w_answer_labels_usual": "{survey} di lembar '{sheet}': {labels} dibaca menurut pilihan jawaban yang lazim; jika formulirnya memakai urutan lain (misalnya Tidak Setuju = 1, Kurang Setuju = 2), perbaiki pembacaannya di halaman Unggah Data.",
    "open_without_login": "Aplikasi berjalan tanpa login (mode laptop) tetapi dapat dibuka dari komputer lain, sehingga siapa pun akan menjadi admin. Jalankan dengan --server.address 127.0.0.1, atau pakai mode server (login) di .streamlit/secrets.toml. Bila memang disengaja, tulis allow_network_without_login = true di bagian [zi].",
    "server_without_login": ("server.py menjalankan server Kanwil, tetapi pengaturan tidak memilih mode server, sehingga "
                             "siapa pun akan menjadi admin tanpa login. Tulis mode = \"server\" di bagian [zi] file "
                             ".streamlit/secrets.toml (lihat docs/DEPLOY.md), atau jalankan app.py untuk mode laptop."),
    "basis_lke": "LKE penilaian mandiri yang diunggah",
    "basis_lke_partial": "LKE (sebagian): penilaian mandiri yang diunggah, {unanswered} pertanyaan belum dijawab dan dihitung 0",
    "basis_estimate": "perkiraan: pengungkit dari progres rencana aksi per area, hasil dari survei SPAK/SPKP dan capaian kinerja",
    "lke_empty_note": "LKE yang diunggah belum diisi (tidak ada pertanyaan yang dijawab); tidak dinilai, dasar nilai tetap perkiraan.",
    "review_lke_older": "ini LKE Reformasi Birokrasi lama (PMPRB: Proses 60 / Hasil 40, delapan area), bukan LKE Zona Integritas; tidak dinilai",
    "review_lke_areas": "bagian LKE tidak ditemukan: {missing}; nilai LKE akan salah, jadi dasar nilai tetap perkiraan sampai dipastikan",
    "w_lke_unanswered": "LKE lembar '{sheet}' belum diisi: {count} pertanyaan belum dijawab; tidak dinilai, dasar nilai tetap perkiraan.",
    "review_survey_type": "jenis survei tidak disebut di judul kolom, nama lembar, atau nama file, dan isi pertanyaannya tidak memastikannya (dugaan: {guess})",
    "n_area_carried": "Lembar '{sheet}': {count} baris dengan sel area kosong mengikuti area yang tertulis di atasnya (seperti sel gabungan); periksa bila bukan itu maksudnya.",
    "n_note_lines": "Lembar '{sheet}': {count} baris keterangan (satu teks saja, mis. legenda di bawah tabel) bukan data dan dilewati.",
    "n_summary_rows": "Lembar '{sheet}': {count} baris jumlah/rata-rata di bawah jawaban (mis. Jumlah, NRR) bukan responden dan dilewati.",
    "unit_name_invalid": "'{name}' bukan nama unit: tulis jenis dan tempatnya, mis. Lapas Tabanan.",
    "w_unit_home": "Lembar '{sheet}' tidak menyebut unit; datanya dimasukkan ke unit bawaan workspace ({unit}).",
    "w_unit_by_place": "Lembar '{sheet}': {source} hanya menyebut tempat; dicocokkan dengan unit yang dikenal: {unit}.",
    "w_unit_from_filename": "Lembar '{sheet}': nama unit diambil dari {source} ('{unit}').",
    "w_mixed_scale": "Survei {survey} unit {unit} memakai skala berbeda; rerata dihitung pada skala 1–4.",
    "w_lke_no_code": "LKE lembar '{sheet}': {count} baris tanpa kode dilewati.",
    "not_entered": "Belum diisi",
    "no_data": "Belum ada data",
    "uploader_button": "Pilih file",
    "restore_progress": "Memulihkan cadangan…",
    "mapping_intro": "**Arti setiap kolom.** Tiap kolom file punya pilihannya sendiri; di bawahnya isi pertama kolom itu. Biarkan *(otomatis)* bila pembacaan sudah benar.",
    "mapping_samples": "Isi pertama kolom ini: {values}",
    "mapping_empty": "(kolom kosong)",
    "templates_intro": "Aplikasi membaca file Anda apa adanya: judul di atas tabel, baris judul kolom di mana saja, nama kolom yang berbeda-beda, dan baris tanda tangan di bawah. Bila belum punya format, mulai dari template ini: isinya contoh yang sudah terisi. LKE resmi yang sudah diisi diunggah apa adanya.",
    "figures_refresh": "Menghitung angka perbandingan unit yang datanya atau pengaturannya berubah: {done} dari {total} unit…",
    "studi_tiru_intro": "Kekurangan menuju {predicate}{held}, yang paling besar nilainya lebih dulu; untuk setiap kekurangan, unit yang lebih baik di hal itu (satu Kanwil lebih dulu) dan yang sudah mereka kerjakan. Nama orang tidak ditampilkan.",
    "studi_tiru_no_gap": "Tidak ada kriteria {predicate} yang belum terpenuhi pada data yang ada.",
    "studi_tiru_no_peer": "Belum ada unit yang lebih baik pada hal ini di antara unit yang dapat Anda lihat.",
    "studi_tiru_shared": "Unit lain di {kanwil} membagikan secara terbatas: nilai area, predikat, judul kegiatan yang selesai, dan inovasi (nama, area, status). Nama orang, pengaduan, angka dan jawaban survei, serta tautan bukti tidak dibagikan; minta buktinya saat berkunjung.",
    "studi_tiru_shared_off": "Admin menonaktifkan berbagi data studi tiru untuk {kanwil}; hanya unit Anda sendiri yang tampil.",
    "sharing_setting": "Operator dan pimpinan unit melihat unit lain di Kanwil-nya secara terbatas untuk studi tiru: nilai area, predikat, judul kegiatan yang selesai, dan inovasi (nama, area, status). Nama orang, pengaduan, survei, dan tautan bukti tidak pernah dibagikan. Pilih Kanwil yang unit-unitnya tidak saling berbagi.",
    "studi_tiru_not_shared": "Angka survei dan pengaduan unit lain tidak dibagikan kepada peran Anda; pembanding untuk hal ini tidak tersedia.",
    "learning_pairs_intro": "Untuk setiap unit yang areanya di bawah minimum {predicate}: unit satu Kanwil yang paling kuat di area itu, tujuan studi tiru dan pembinaan. Kekurangan terbesar di atas.",
    "learning_pairs_none": "Tidak ada unit dengan area di bawah minimum {predicate} yang punya teman satu Kanwil di atas minimum.",
    "visits_count": "{unit} menjadi rujukan {hosted} kali tahun ini dan berkunjung {made} kali (seluruhnya).",
    "visit_saved": "Kunjungan disimpan; tampil juga di halaman unit yang dikunjungi.",
    "visit_host_invalid": "Pilih unit tuan rumah yang lain dari unit yang berkunjung.",
    "visit_areas_missing": "Pilih sedikitnya satu area perubahan yang dipelajari.",
    "predicate_row_invalid": "Baris {row} daftar predikat belum lengkap: pilih WBK atau WBBM dan isi tahun (2010–2100).",
    "innovations_saved": "Daftar inovasi disimpan sebagai versi baru.",
    "innovations_unchanged": "Daftar inovasi tidak berubah.",
    "innovations_none": "Belum ada daftar inovasi untuk unit ini. Unggah daftar inovasi (template ada di **Unggah Data**): unit lain dapat belajar darinya saat studi tiru.",
    "layouts_recognised": "Tata letak yang biasa ditemui dan terbaca (contoh):",
    "upload_progress": "Membaca dan menyimpan file {number} dari {count}: {name}",
    "steps_close_nothing": "Belum ada satu langkah pun yang membuat kriteria yang belum lulus menjadi lulus; langkah di bawah hanya menambah nilai.",
    "fresh_line": "Data terbaru: {parts}",
    "fresh_stale": "Data {kinds} sudah {days} hari sebelum tanggal posisi (lebih dari batas {limit} hari di Pengaturan): angka di halaman ini menggambarkan keadaan saat data itu dibuat.",
    "overdue_on_as_of": "Lewat tenggat dihitung per {day}.",
    "overdue_on_data_day": "Lewat tenggat dihitung per {day}, tanggal data rencana aksi, bukan per tanggal posisi.",
    "uploader_hint": "atau tarik file ke sini",
    "number_invalid": "{label}: '{text}' bukan angka; tulis mis. {example}.",
    "number_out_of_range": "{label}: {value} di luar batas {low}–{high}.",
}

FIELD_LABELS: dict[str, str] = {
    **{f.name: f.label for spec in reversed(KIND_SPECS.values()) for f in spec.fields},  # each kind's fields.toml
    "ignore": "(diabaikan)",
}

SURVEY_LABELS: dict[str, str] = {"ikm": "IKM", "ipak": "SPAK/IPAK", "ipkp": "SPKP/IPKP", "ikm_legacy": "IKM (formulir lama)"}

IKM_UNSUR_LABELS: dict[str, str] = {
    "U1": "Persyaratan", "U2": "Sistem, mekanisme, dan prosedur", "U3": "Waktu penyelesaian", "U4": "Biaya/tarif",
    "U5": "Produk spesifikasi jenis pelayanan", "U6": "Kompetensi pelaksana", "U7": "Perilaku pelaksana",
    "U8": "Sarana dan prasarana", "U9": "Penanganan pengaduan, saran dan masukan",
}

KIND_LABELS: dict[str, str] = {
    **{kind: spec.label for kind, spec in KIND_SPECS.items()},  # each kind's fields.toml
    "mixed": "campuran",
    "unknown": "tidak dikenali",
}


def kind_label(kind: str, survey: str | None = "") -> str:
    """'rencana aksi', 'survei IKM': a stored dataset's kind as a user reads it."""
    return KIND_LABELS.get(kind, kind) + (f" {survey.upper()}" if survey else "")


def msg(key: str, **values: Any) -> str:
    """Fill a message template; unknown placeholders are left visible rather than crashing."""
    template = MESSAGES[key]
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template


def question_label(code: str) -> str:
    """'ikm:U1' -> 'IKM U1 – Persyaratan'; 'ipak:Q2' -> 'SPAK/IPAK butir 2' (how a survey column was read)."""
    survey, _, item = code.partition(":")
    if survey == "ikm" and item in IKM_UNSUR_LABELS:
        return f"IKM {item} – {IKM_UNSUR_LABELS[item]}"
    number = item[1:] if item[:1] == "Q" else item
    return f"{SURVEY_LABELS.get(survey, survey)} butir {number}"

# Placeholders of the pickers, where Streamlit would say "Choose an option".
CHOOSE_ONE = "Pilih…"
CHOOSE_MANY = "Pilih satu atau lebih…"

# The IKM unsur weight conventions (regulation conventions.ikm_weight), as every page and export names them.
IKM_WEIGHT_LABELS = {"exact": "1/9 persis (PermenPANRB 14/2017)", "0.11": "0,11 (kebiasaan banyak kantor)"}
