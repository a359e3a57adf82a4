"""Questions and feedback written for the demo: per responsible agency, what citizens and the
press ask it. The seed replays them as a routing history (so the routing suggestion has
something to learn from) and as the questions open today. Demo data only: the routing model's
quality is measured on real labelled text (docs/routing.md)."""

# agency slug → (category code, text) pairs; the first line of each text is its subject.
HISTORY: dict[str, list[tuple[str, str]]] = {
    "so-xay-dung": [
        (
            "ha-tang-giao-thong",
            "Ổ gà lớn trên đường Nguyễn Trãi\nĐoạn trước số 200 Nguyễn Trãi có ổ gà sâu, xe máy ngã liên tục vào buổi tối.",
        ),
        (
            "ha-tang-giao-thong",
            "Đèn tín hiệu giao thông hỏng\nĐèn tín hiệu ngã tư Láng - Thái Hà tắt từ sáng, giao thông ùn tắc.",
        ),
        (
            "ha-tang-giao-thong",
            "Nắp cống bị vỡ giữa đường\nNắp cống trên phố Bạch Mai vỡ, rất nguy hiểm cho người đi đường.",
        ),
        ("chieu-sang-cong-cong", "Đèn đường không sáng\nCả dãy đèn đường ven hồ Thành Công không sáng ba đêm nay."),
        ("chieu-sang-cong-cong", "Cột đèn nghiêng sắp đổ\nCột đèn chiếu sáng trước cổng chợ bị nghiêng sau mưa bão."),
        (
            "ha-tang-giao-thong",
            "Vỉa hè lát lại sau một năm đã hỏng\nVỉa hè phố Trần Duy Hưng mới lát lại đã bong tróc, đề nghị kiểm tra chất lượng.",
        ),
        (
            "thong-tin-du-an",
            "Tiến độ cầu Trần Hưng Đạo\nĐề nghị Sở cho biết tiến độ giải phóng mặt bằng và thời gian thông xe cầu Trần Hưng Đạo.",
        ),
        (
            "thong-tin-du-an",
            "Kế hoạch cải tạo chung cư cũ\nPhóng viên đề nghị cung cấp danh sách chung cư cũ được cải tạo trong năm tới.",
        ),
        (
            "ha-tang-giao-thong",
            "Cầu vượt bộ hành xuống cấp\nCầu vượt cho người đi bộ trước trường học bị gỉ sét, lan can lung lay.",
        ),
        (
            "ha-tang-giao-thong",
            "Rào chắn công trình kéo dài\nRào chắn thi công trên phố Kim Mã để nhiều tháng không thấy thi công.",
        ),
    ],
    "so-nong-nghiep-moi-truong": [
        (
            "moi-truong-ve-sinh",
            "Rác thải tồn đọng nhiều ngày\nĐiểm tập kết rác đầu ngõ 90 Láng Hạ không được thu gom ba ngày, bốc mùi.",
        ),
        (
            "moi-truong-ve-sinh",
            "Khói đốt rơm rạ gây ô nhiễm\nBuổi chiều người dân đốt rơm rạ ngoài đồng, khói bay vào khu dân cư.",
        ),
        ("moi-truong-ve-sinh", "Nước sông bốc mùi hôi\nNước sông Tô Lịch đoạn qua Cầu Giấy đen và bốc mùi nặng."),
        ("moi-truong-ve-sinh", "Cây xanh gãy đổ chưa dọn\nCây xà cừ gãy sau bão nằm chắn vỉa hè chưa được dọn."),
        (
            "moi-truong-ve-sinh",
            "Chất lượng không khí\nĐề nghị cung cấp số liệu quan trắc bụi mịn PM2.5 tháng trước và nguyên nhân.",
        ),
        ("dat-dai", "Cấp sổ đỏ chậm\nHồ sơ cấp giấy chứng nhận quyền sử dụng đất của gia đình tôi quá hạn hai tháng."),
        ("dat-dai", "Lấn chiếm đất nông nghiệp\nCó người san lấp đất ruộng để xây nhà xưởng trái phép."),
        (
            "moi-truong-ve-sinh",
            "Xả thải ra kênh\nMột xưởng sản xuất xả nước thải màu đỏ ra kênh tưới tiêu vào ban đêm.",
        ),
        (
            "moi-truong-ve-sinh",
            "Tiếng ồn và bụi từ trạm trộn bê tông\nTrạm trộn bê tông hoạt động cả đêm gây bụi và ồn.",
        ),
    ],
    "so-y-te": [
        (
            "y-te",
            "Quá tải tại bệnh viện\nBệnh nhân phải nằm ghép tại khoa nhi, đề nghị Sở cho biết giải pháp giảm tải.",
        ),
        (
            "y-te",
            "Ca sốt xuất huyết trong khu dân cư\nTổ dân phố có nhiều người sốt xuất huyết nhưng chưa được phun thuốc diệt muỗi.",
        ),
        (
            "y-te",
            "Ngộ độc thực phẩm ở bếp ăn tập thể\nĐề nghị cung cấp thông tin vụ ngộ độc tại bếp ăn của khu công nghiệp.",
        ),
        ("y-te", "Thuốc bảo hiểm y tế thiếu\nBệnh viện báo hết thuốc, người bệnh phải tự mua ngoài dù có bảo hiểm."),
        ("y-te", "Cơ sở thẩm mỹ không phép\nMột cơ sở spa tiêm filler không có giấy phép hoạt động."),
        ("y-te", "Lịch tiêm chủng cho trẻ\nTrạm y tế phường chưa có vắc xin sởi cho trẻ chín tháng tuổi."),
        ("y-te", "Số ca tay chân miệng\nPhóng viên đề nghị số liệu ca tay chân miệng từ đầu năm và dự báo."),
        ("y-te", "Thái độ nhân viên y tế\nNhân viên tiếp đón tại phòng khám có thái độ thiếu tôn trọng người bệnh."),
    ],
    "so-giao-duc-dao-tao": [
        ("giao-duc", "Tuyển sinh lớp 10\nĐề nghị Sở cho biết chỉ tiêu tuyển sinh lớp 10 công lập năm học tới."),
        (
            "giao-duc",
            "Lạm thu đầu năm học\nTrường tiểu học thu nhiều khoản ngoài quy định như quỹ lớp, tiền máy chiếu.",
        ),
        (
            "giao-duc",
            "Học phí trường công lập\nMức học phí năm học mới có tăng không, học sinh diện chính sách được miễn giảm thế nào.",
        ),
        (
            "giao-duc",
            "Thiếu trường mầm non công lập\nKhu đô thị mới không có trường mầm non công lập, trẻ phải học xa.",
        ),
        ("giao-duc", "Dạy thêm trái quy định\nGiáo viên chủ nhiệm yêu cầu học sinh đi học thêm tại nhà."),
        ("giao-duc", "An toàn bếp ăn bán trú\nPhụ huynh lo ngại chất lượng bữa ăn bán trú tại trường."),
        ("giao-duc", "Sách giáo khoa mới\nPhóng viên đề nghị thông tin về danh mục sách giáo khoa được lựa chọn."),
        ("giao-duc", "Xe đưa đón học sinh\nXe đưa đón học sinh chở quá số người quy định."),
    ],
    "cong-an-ha-noi": [
        (
            "an-ninh-trat-tu",
            "Tụ tập đua xe ban đêm\nThanh niên tụ tập đua xe, nẹt pô trên đường Võ Chí Công sau 23 giờ.",
        ),
        (
            "an-ninh-trat-tu",
            "Lừa đảo qua điện thoại\nTôi nhận cuộc gọi giả danh công an yêu cầu chuyển tiền để xác minh tài khoản.",
        ),
        ("an-ninh-trat-tu", "Karaoke gây ồn quá giờ\nQuán karaoke hát đến 2 giờ sáng, người dân không ngủ được."),
        ("an-ninh-trat-tu", "Trộm cắp xe máy\nKhu trọ liên tục bị mất trộm xe máy, đề nghị tăng cường tuần tra."),
        ("an-ninh-trat-tu", "Đỗ xe trái phép\nÔ tô đỗ kín hai bên ngõ, xe cứu hỏa không vào được."),
        (
            "an-ninh-trat-tu",
            "Kết quả điều tra vụ cháy\nPhóng viên đề nghị thông tin nguyên nhân vụ cháy nhà trọ tuần trước.",
        ),
        ("an-ninh-trat-tu", "Cấp căn cước chậm\nLàm căn cước cho con đã hơn một tháng chưa nhận được."),
        ("an-ninh-trat-tu", "Đánh bạc trong khu dân cư\nCó nhóm người tụ tập đánh bạc thường xuyên tại nhà hoang."),
    ],
    "so-van-hoa-the-thao": [
        ("van-hoa-du-lich", "Lễ hội mùa thu\nĐề nghị cung cấp chương trình Lễ hội mùa thu và phương án phân luồng."),
        ("van-hoa-du-lich", "Di tích xuống cấp\nĐình làng bị dột, tường nứt, đề nghị có kế hoạch tu bổ."),
        ("van-hoa-du-lich", "Quảng cáo sai quy định\nBiển quảng cáo lớn che khuất tầm nhìn ở nút giao."),
        (
            "van-hoa-du-lich",
            "Sân chơi thể thao cho trẻ em\nKhu dân cư thiếu sân chơi, nhà văn hóa bị cho thuê làm kho.",
        ),
        (
            "van-hoa-du-lich",
            "Biểu diễn nghệ thuật không phép\nMột chương trình ca nhạc bán vé nhưng không có giấy phép.",
        ),
        ("van-hoa-du-lich", "Tu bổ Văn Miếu\nPhóng viên hỏi về kế hoạch tu bổ khu Văn Miếu - Quốc Tử Giám."),
    ],
    "phuong-hoan-kiem": [
        (
            "trat-tu-do-thi",
            "Lấn chiếm vỉa hè phố Hàng Bạc\nCác quán ăn bày bàn ghế kín vỉa hè, người đi bộ phải xuống lòng đường.",
        ),
        ("trat-tu-do-thi", "Xây dựng sai phép\nNhà số 15 ngõ Hàng Hành đang cơi nới thêm tầng."),
        ("trat-tu-do-thi", "Bán hàng rong quanh hồ\nNgười bán hàng rong đeo bám du khách quanh hồ Hoàn Kiếm."),
        (
            "trat-tu-do-thi",
            "Trông giữ xe thu quá giá\nBãi trông xe trên phố Đinh Tiên Hoàng thu 50.000 đồng một lượt xe máy.",
        ),
        ("trat-tu-do-thi", "Phố đi bộ cuối tuần\nĐề nghị cho biết thời gian hoạt động phố đi bộ dịp năm mới."),
        ("trat-tu-do-thi", "Tập kết vật liệu xây dựng ra đường\nCông trình đổ cát đá ra lòng đường phố Hàng Bông."),
    ],
    "so-noi-vu": [
        ("thu-tuc-hanh-chinh", "Thi tuyển công chức\nĐề nghị cho biết lịch thi tuyển công chức thành phố năm nay."),
        ("thu-tuc-hanh-chinh", "Sắp xếp đơn vị hành chính\nPhóng viên hỏi về số cán bộ dôi dư sau sắp xếp phường, xã."),
        (
            "thu-tuc-hanh-chinh",
            "Chế độ nghỉ hưu trước tuổi\nTôi là cán bộ phường, muốn biết chính sách khi nghỉ hưu trước tuổi.",
        ),
        ("thu-tuc-hanh-chinh", "Thi đua khen thưởng\nHồ sơ đề nghị khen thưởng của đơn vị gửi từ lâu chưa có kết quả."),
        (
            "thu-tuc-hanh-chinh",
            "Cán bộ một cửa gây khó khăn\nCán bộ bộ phận một cửa yêu cầu bổ sung giấy tờ không có trong quy định.",
        ),
    ],
    "so-khoa-hoc-cong-nghe": [
        ("chuyen-doi-so", "Ứng dụng iHanoi lỗi\nỨng dụng iHanoi không gửi được phản ánh kèm ảnh."),
        ("chuyen-doi-so", "Dịch vụ công trực tuyến\nCổng dịch vụ công báo lỗi khi nộp hồ sơ cấp phép xây dựng."),
        ("chuyen-doi-so", "Wifi công cộng\nĐiểm wifi miễn phí quanh hồ Gươm không truy cập được."),
        ("chuyen-doi-so", "Dữ liệu mở\nPhóng viên đề nghị danh mục dữ liệu mở thành phố đã công bố."),
        ("chuyen-doi-so", "Camera giám sát\nCamera giám sát giao thông tại nút giao bị hỏng lâu ngày."),
    ],
}

# What an asker types in a hurry: the seed replays some history texts this way, as real
# questions arrive (without diacritics, with teencode), so the model meets them.
TEENCODE = {
    "không": "ko",
    "được": "dc",
    "gì": "j",
    "với": "vs",
    "những": "nhg",
    "bao nhiêu": "bn",
    "như thế nào": "ntn",
    "người": "ng",
}

# Questions open today: (asker, agency slug or "" for not yet routed, category, state, text,
# publish_allowed, days since asked). Askers: "nhabao", "nhabao.chuathe", "nguoidan", or
# "citizen" (no account).
OPEN_NOW = [
    ("nhabao", "so-xay-dung", "thong-tin-du-an", "answered",
     "Thời gian thông xe cầu Trần Hưng Đạo\nĐề nghị Sở Xây dựng cho biết mốc thông xe cầu Trần Hưng Đạo và phương án tổ chức giao thông khi thi công.",
     True, 6),
    ("nhabao", "so-y-te", "y-te", "in_review",
     "Số ca sốt xuất huyết tuần qua\nĐề nghị Sở Y tế cung cấp số ca sốt xuất huyết tuần qua, các ổ dịch đang hoạt động và kế hoạch phun hóa chất.",
     True, 2),
    ("nhabao.chuathe", "so-giao-duc-dao-tao", "giao-duc", "assigned",
     "Chỉ tiêu tuyển sinh lớp 10 năm học 2027-2028\nXin Sở cho biết chỉ tiêu tuyển sinh lớp 10 công lập và số trường mở thêm lớp.",
     False, 1),
    ("nguoidan", "phuong-hoan-kiem", "trat-tu-do-thi", "waiting",
     "Lấn chiếm vỉa hè phố Hàng Bông\nCác cửa hàng bày hàng kín vỉa hè phố Hàng Bông đoạn từ số 20 đến 60, người đi bộ phải xuống lòng đường.",
     True, 3),
    ("citizen", "so-nong-nghiep-moi-truong", "moi-truong-ve-sinh", "overdue",
     "Rác tồn đọng ngõ 102 Trường Chinh\nĐiểm tập kết rác đầu ngõ 102 Trường Chinh không được thu gom nhiều ngày, bốc mùi rất khó chịu.",
     False, 12),
    ("citizen", "", "ha-tang-giao-thong", "new",
     "Ổ gà trên đường Giải Phóng\nMặt đường Giải Phóng đoạn gần bến xe Giáp Bát có nhiều ổ gà sâu, trời mưa đọng nước rất nguy hiểm.",
     True, 0),
    ("nhabao", "", "an-ninh-trat-tu", "new",
     "Kết quả xử lý đua xe trái phép\nĐề nghị Công an thành phố cung cấp số vụ đua xe, cổ vũ đua xe trái phép bị xử lý trong tháng.",
     True, 0),
    ("citizen", "", "chieu-sang-cong-cong", "new",
     "den duong khong sang o ngo 5 Lang Ha\nden duong trong ngo 5 lang ha ko sang may hom nay, toi om di lai rat nguy hiem",
     False, 0),
    ("nguoidan", "", "chieu-sang-cong-cong", "rejected",
     "Quảng cáo dịch vụ vay tiền nhanh\nVay tiền nhanh lãi suất thấp, liên hệ ngay.",
     False, 4),
]  # fmt: skip
