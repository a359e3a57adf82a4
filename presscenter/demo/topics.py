"""The demo's subject taxonomy (lĩnh vực): slug, Vietnamese name, English name."""

TOPICS = [
    ("giao-thong", "Giao thông", "Transport"),
    ("xay-dung-do-thi", "Xây dựng - Đô thị", "Construction and urban development"),
    ("y-te", "Y tế", "Health"),
    ("giao-duc", "Giáo dục", "Education"),
    ("moi-truong", "Môi trường", "Environment"),
    ("van-hoa-du-lich", "Văn hóa - Du lịch", "Culture and tourism"),
    ("the-thao", "Thể thao", "Sports"),
    ("kinh-te-dau-tu", "Kinh tế - Đầu tư", "Economy and investment"),
    ("an-ninh-trat-tu", "An ninh - Trật tự", "Public security and order"),
    ("cai-cach-hanh-chinh", "Cải cách hành chính", "Administrative reform"),
    ("chuyen-doi-so", "Chuyển đổi số", "Digital transformation"),
    ("thoi-tiet-thien-tai", "Thời tiết - Thiên tai", "Weather and disasters"),
    ("lao-dong-viec-lam", "Lao động - Việc làm", "Labour and employment"),
    ("xa-hoi", "Xã hội", "Social affairs"),
]
