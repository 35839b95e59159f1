export const billing = {
  readOnly:
    "このパートナーシップのサブスクリプションは失効しています。事務局が更新するまで、Lodestone は読み取り専用です。",
};
